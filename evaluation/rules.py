"""Who may do what in the evaluation (django-rules, checked through
jln_portal/permissions.py).

- The network manager sees and runs everything.
- A facilitator sees an EOI only when assigned to it and not in conflict with
  its country; a conflicted facilitator cannot even open it (404).
- Blind review: nothing made from another reviewer's work (scores, means, spread,
  comments, the feedback drafted from them) reaches a facilitator before their own
  review of that EOI is submitted, when the call's settings say so (the default).
  Two rules say it, and every page, export and selector asks them:
  `sees_others_work` (permission `evaluation.see_all_scores`) and
  `may_draft_feedback` (permission `evaluation.edit_feedback`: who may draft or edit
  the country's feedback, and from when).
- Focal points see the clarification requests about their own country's EOIs
  and answer them; they never see reviews, scores or the ranking.
- Once the decisions are final nothing is edited any more; only the manager may
  reopen them (`evaluation.reopen_decisions`), with a reason.
"""

import rules

from accounts.rules import is_facilitator, is_focal_point, is_manager

from .enums import ReviewState


def review_facts(user):
    """What the rules need to know about a facilitator, in one query cached on the user:
    {"assigned": evaluation ids, "conflict": country ids, "submitted": evaluation ids
    of their submitted reviews}."""
    if not hasattr(user, "_evaluation_facts"):
        from django.db.models import CharField, Value

        from .models import Assignment, Conflict, Review

        def tagged(queryset, kind, column):
            return queryset.order_by().annotate(kind=Value(kind, output_field=CharField())).values_list("kind", column)

        facts = {"assigned": set(), "conflict": set(), "submitted": set()}
        for kind, pk in tagged(Assignment.objects.filter(reviewer=user), "assigned", "evaluation_id").union(
            tagged(Conflict.objects.filter(reviewer=user), "conflict", "country_id"),
            tagged(Review.objects.filter(reviewer=user, state=ReviewState.SUBMITTED), "submitted", "evaluation_id"),
            all=True,
        ):
            facts[kind].add(pk)
        user._evaluation_facts = {kind: frozenset(ids) for kind, ids in facts.items()}
    return user._evaluation_facts


def conflict_country_ids(user):
    """Countries this facilitator declared a conflict with."""
    return review_facts(user)["conflict"]


def assigned_evaluation_ids(user):
    """Evaluations assigned to this facilitator."""
    return review_facts(user)["assigned"]


def submitted_review_ids(user):
    """Evaluations this facilitator has submitted a review of."""
    return review_facts(user)["submitted"]


def forget_cached_permissions(user):
    """Read `user`'s facts again at the next rule: every service that changes one of them calls
    this (assignments made or removed, a conflict declared or removed, a review submitted)."""
    user.__dict__.pop("_evaluation_facts", None)


@rules.predicate
def is_assigned(user, evaluation):
    return evaluation is not None and evaluation.pk in assigned_evaluation_ids(user)


@rules.predicate
def is_conflicted(user, evaluation):
    return evaluation is not None and evaluation.eoi.country_id in conflict_country_ids(user)


@rules.predicate
def is_open(user, evaluation):
    return evaluation is not None and evaluation.is_open


@rules.predicate
def has_submitted_own_review(user, evaluation):
    return evaluation is not None and evaluation.pk in submitted_review_ids(user)


@rules.predicate
def scores_hidden_until_submitted(user, evaluation):
    settings = getattr(evaluation.eoi.call, "evaluation_settings", None)
    return settings is None or settings.hide_scores_until_submitted


@rules.predicate
def is_unanswered(user, clarification):
    return clarification is not None and not clarification.is_answered


@rules.predicate
def is_focal_point_of_clarified_country(user, clarification):
    return clarification is not None and clarification.evaluation.eoi.country_id in user.focal_country_ids


@rules.predicate
def clarified_evaluation_is_open(user, clarification):
    return clarification is not None and clarification.evaluation.is_open


@rules.predicate
def is_call_final(user, call):
    settings = getattr(call, "evaluation_settings", None) if call is not None else None
    return settings is not None and settings.finalised_at is not None


reviewing_facilitator = is_facilitator & is_assigned & ~is_conflicted

# THE blind-review rule (object: an Evaluation): may `user` see what other reviewers made of
# this EOI — their scores, totals, means, spread, comments, and anything built from them?
sees_others_work = is_manager | (
    reviewing_facilitator & (~scores_hidden_until_submitted | has_submitted_own_review)
)

# THE feedback rule (object: an Evaluation): may `user` draft or edit the feedback to the
# country, and from when? The draft is made from every reviewer's scores and comments, so
# only someone who may see them, and only while the evaluation is open.
may_draft_feedback = sees_others_work & is_open

# Pages without an object, or about a call.
rules.add_perm("evaluation.view_facilitator_home", is_facilitator)
rules.add_perm("evaluation.view_country_reviews", is_focal_point)
rules.add_perm("evaluation.declare_conflict", is_facilitator | is_manager)
rules.add_perm("evaluation.manage_conflicts", is_manager)
rules.add_perm("evaluation.list_calls", is_manager)
rules.add_perm("evaluation.manage_call", is_manager)  # object: the call
rules.add_perm("evaluation.view_ranking", is_manager | is_facilitator)  # object: the call
rules.add_perm("evaluation.view_criteria", is_manager | is_facilitator)  # object: the call
rules.add_perm("evaluation.reopen_decisions", is_manager & is_call_final)  # object: the call
# The participants of the selected teams (names, e-mail addresses, gender, language needs): personal data.
rules.add_perm("evaluation.download_participants", is_manager)  # object: the call

# The object is an Evaluation (one submitted EOI under review).
rules.add_perm("evaluation.view_evaluation", is_manager | reviewing_facilitator)
rules.add_perm("evaluation.review_eoi", reviewing_facilitator & is_open)
rules.add_perm("evaluation.see_all_scores", sees_others_work)
rules.add_perm("evaluation.override_eligibility", (is_manager | reviewing_facilitator) & is_open)
rules.add_perm("evaluation.ask_clarification", (is_manager | reviewing_facilitator) & is_open)
rules.add_perm("evaluation.edit_feedback", may_draft_feedback)
rules.add_perm("evaluation.decide", is_manager & is_open)
rules.add_perm("evaluation.view_history", is_manager)

# The object is a ClarificationRequest.
rules.add_perm("evaluation.view_clarification_as_country", is_focal_point & is_focal_point_of_clarified_country)
rules.add_perm(
    "evaluation.answer_clarification",
    is_focal_point & is_focal_point_of_clarified_country & is_unanswered & clarified_evaluation_is_open,
)
