"""Is a feedback text still what the scores say?

A feedback drafted from the scores records what it was drafted from
(`Evaluation.feedback_drafted_from`: the submitted reviews that counted and a
fingerprint of their scores and comments for the country). Comparing it with
today's says whether reviews were submitted since, stopped counting (a
conflict), or had their scores or comments changed. Feedback never drafted from
the scores (typed by hand, or before this record existed) is never flagged.

Also the warnings of the finalise page: stale feedback, unanswered
clarification questions, EOIs with a single submitted review.
"""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..enums import ReviewState
from ..models import ClarificationRequest, Review, Score
from .common import not_conflicted


def feedback_sources(evaluation_ids):
    """{evaluation id: {"reviews": [ids], "fingerprint": "…"}} of today's submitted, counted
    reviews (one query; an evaluation without any is absent)."""
    rows = (Score.objects.filter(review__evaluation_id__in=list(evaluation_ids), review__state=ReviewState.SUBMITTED)
            .filter(not_conflicted("review__"))
            .values_list("review__evaluation_id", "review_id", "criterion_id", "value", "comment")
            .order_by("review__evaluation_id", "review_id", "criterion_id"))
    grouped = {}
    for evaluation_id, review_id, criterion_id, value, comment in rows:
        grouped.setdefault(evaluation_id, []).append((review_id, criterion_id, value, comment.strip()))
    return {evaluation_id: {"reviews": sorted({row[0] for row in scores}),
                            "fingerprint": hashlib.sha256(repr(scores).encode()).hexdigest()[:32]}
            for evaluation_id, scores in grouped.items()}


def feedback_source(evaluation):
    return feedback_sources([evaluation.pk]).get(evaluation.pk, {"reviews": [], "fingerprint": ""})


@dataclass(frozen=True)
class Staleness:
    new_reviews: int = 0  # submitted since the draft
    gone_reviews: int = 0  # counted then, not now (a conflict declared)
    changed: bool = False  # the same reviews, other scores or comments

    @property
    def is_stale(self):
        return bool(self.new_reviews or self.gone_reviews or self.changed)

    def sentences(self):
        said = []
        if self.new_reviews:
            said.append(ngettext("The feedback was drafted before %(n)s more review was submitted.",
                                 "The feedback was drafted before %(n)s more reviews were submitted.",
                                 self.new_reviews) % {"n": self.new_reviews})
        if self.gone_reviews:
            said.append(ngettext("The feedback was drafted from %(n)s review that no longer counts.",
                                 "The feedback was drafted from %(n)s reviews that no longer count.",
                                 self.gone_reviews) % {"n": self.gone_reviews})
        if self.changed and not said:
            said.append(_("Scores or comments for the country changed after the feedback was drafted."))
        return said


def staleness_of(drafted_from, current):
    """How `current` (a feedback source) differs from what the feedback was drafted from."""
    if not drafted_from or "reviews" not in drafted_from:
        return Staleness()
    then, now = set(drafted_from["reviews"]), set(current["reviews"])
    return Staleness(new_reviews=len(now - then), gone_reviews=len(then - now),
                     changed=drafted_from.get("fingerprint") != current["fingerprint"])


EMPTY = {"reviews": [], "fingerprint": ""}


def staleness_by_evaluation(evaluations):
    """{evaluation id: Staleness} for `evaluations` (one query)."""
    evaluations = list(evaluations)
    sources = feedback_sources(e.pk for e in evaluations)
    return {e.pk: staleness_of(e.feedback_drafted_from, sources.get(e.pk, EMPTY)) for e in evaluations}


def finalise_warnings(evaluations, stale=None):
    """What the manager should know before finalising, without blocking it (translated
    sentences): stale feedback, unanswered questions to the country, a single review.
    `stale`: `staleness_by_evaluation(evaluations)` if the caller has it (three queries in all)."""
    evaluations = list(evaluations)
    ids = [e.pk for e in evaluations]
    stale = stale if stale is not None else staleness_by_evaluation(evaluations)
    unanswered = dict(ClarificationRequest.objects.filter(evaluation_id__in=ids, answered_at__isnull=True)
                      .values("evaluation_id").annotate(n=Count("pk")).values_list("evaluation_id", "n"))
    reviews = dict(Review.objects.filter(evaluation_id__in=ids).filter(not_conflicted())
                   .values("evaluation_id").annotate(n=Count("pk", filter=Q(state=ReviewState.SUBMITTED)))
                   .values_list("evaluation_id", "n"))
    warnings = []
    for evaluation in sorted(evaluations, key=lambda e: str(e.eoi.country.name)):
        country = evaluation.eoi.country.name
        for sentence in stale[evaluation.pk].sentences():
            warnings.append(_("%(country)s: %(sentence)s Draft it again on its decision page.")
                            % {"country": country, "sentence": sentence})
        if unanswered.get(evaluation.pk):
            warnings.append(ngettext("%(country)s: %(n)s question to the country is still unanswered.",
                                     "%(country)s: %(n)s questions to the country are still unanswered.",
                                     unanswered[evaluation.pk]) % {"country": country, "n": unanswered[evaluation.pk]})
        if evaluation.eligible and reviews.get(evaluation.pk, 0) == 1:
            warnings.append(_("%(country)s: only one review was submitted.") % {"country": country})
    return warnings
