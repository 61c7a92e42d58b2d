"""The first draft of the feedback a country receives with its decision.

Pure: built from the decision, the eligibility items it failed, the call's
criteria (names and rubric in the language asked for), the mean score of each
criterion and the reviewers' comments. The panel edits the result before the
decisions are final.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from .enums import Decision


@dataclass
class CriterionFeedback:
    names: dict  # {"en": ..., "fr": ...}
    scale_max: int
    mean: Decimal | None = None  # None: no submitted review
    rubric: dict = field(default_factory=dict)  # {score: {"en": ..., "fr": ...}}
    comments: list = field(default_factory=list)


DECISION_SENTENCES = {
    Decision.SELECTED: lambda: _(
        "We are pleased to tell you that your country team has been selected to join the collaborative."
    ),
    Decision.WAITLISTED: lambda: _(
        "Your country team is on the waiting list: we will contact you if a place becomes available."
    ),
    Decision.NOT_SELECTED: lambda: _("We regret that your country team has not been selected for this collaborative."),
}


def _number(value):
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"
    return text.replace(".", ",") if translation.get_language() == "fr" else text


def build_feedback(*, language, country, call_title, decision, failed_requirements, criteria):
    """The feedback text in `language`. `failed_requirements`: sentences (already
    in that language) for the eligibility items not met; `criteria`: a list of
    CriterionFeedback."""
    with translation.override(language):
        lines = [
            _("Dear colleagues from %(country)s,") % {"country": country},
            "",
            _("Thank you for your expression of interest in “%(call)s”.") % {"call": call_title},
        ]
        if decision in DECISION_SENTENCES:
            lines.append(DECISION_SENTENCES[decision]())
        if failed_requirements:
            lines += ["", _("Your expression of interest did not meet these requirements of the call:")]
            lines += [f"- {text}" for text in failed_requirements]
        scored = [c for c in criteria if c.mean is not None]
        if scored:
            lines += ["", _("How the reviewers assessed it, criterion by criterion:")]
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
                for comment in criterion.comments:
                    lines.append(f"  • {comment}")
        lines += ["", _("With our thanks and best regards,"), _("The JLN network manager and the R4D facilitators")]
    return "\n".join(lines)
