"""The first draft of the feedback a country receives with its decision.

Pure: built from the eligibility items it failed, the call's criteria (names
and rubric in the language asked for), the mean score of each criterion and
the reviewers' comments for the country. The panel edits the result before
the decisions are final.

The draft is the body of the panel's feedback only: the letter
(templates/evaluation/mail/) has the one greeting, the decision and the
closing, and the country's pages show the decision beside it. A reviewer's
comment for the country is quoted only in the draft of the language the
reviewer works in (their preferred language): a French draft never carries
an English comment that nobody chose to send; the decision page lists the
comments left out of each draft, to translate if the panel wants them.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.translation import gettext as _


@dataclass
class CriterionFeedback:
    names: dict  # {"en": ..., "fr": ...}
    scale_max: int
    mean: Decimal | None = None  # None: no submitted review
    rubric: dict = field(default_factory=dict)  # {score: {"en": ..., "fr": ...}}
    comments: list = field(default_factory=list)  # [(language, text)]


def _number(value):
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"
    return text.replace(".", ",") if translation.get_language() == "fr" else text


def build_feedback(*, language, failed_requirements, criteria):
    """The feedback text in `language`. `failed_requirements`: sentences (already
    in that language) for the eligibility items not met; `criteria`: a list of
    CriterionFeedback. An EOI that failed a requirement gets no scores: it was
    not compared with the others."""
    with translation.override(language):
        lines = []
        if failed_requirements:
            lines += [_("Your expression of interest did not meet these requirements of the call:")]
            lines += [f"- {text}" for text in failed_requirements]
            return "\n".join(lines)
        scored = [c for c in criteria if c.mean is not None]
        if scored:
            lines += [_("How the reviewers assessed it, criterion by criterion:")]
            for criterion in scored:
                level = int(criterion.mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
                lines.append(
                    _("- %(criterion)s — average score %(mean)s out of %(max)s.")
                    % {"criterion": criterion.names.get(language, ""), "mean": _number(criterion.mean),
                       "max": criterion.scale_max}
                )
                meaning = criterion.rubric.get(level, {}).get(language)
                if meaning:
                    lines.append(f"  {meaning}")
                for comment_language, comment in criterion.comments:
                    if comment_language == language:
                        lines.append(f"  • {comment}")
    return "\n".join(lines)


def comments_left_out(criteria, language):
    """The comments for the country (criterion name in `language`, text) that the
    draft in `language` does not quote, because their reviewer writes in another."""
    return [(criterion.names.get(language, ""), text) for criterion in criteria if criterion.mean is not None
            for comment_language, text in criterion.comments if comment_language != language]
