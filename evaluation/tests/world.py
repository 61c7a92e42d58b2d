"""The evaluation's objects for the tests that cross every page (jln_portal/tests/world.py).

`world.review_call`: a call with three criteria whose EOIs from countries A and B are
under review (`world.evaluation_a`, `world.evaluation_b`).
- the plain facilitator is assigned to A's EOI (`world.assignment`) and has asked
  A's focal points a question (`world.clarification`);
- the conflicted facilitator declared a conflict with country A (`world.conflict`)
  and reviews B's EOI; a stale assignment to A's EOI shows the conflict still wins.
"""


def extend(world):
    from evaluation import services
    from evaluation.models import Assignment

    from .factories import call_with_criteria, under_review

    manager = world.users["manager"]
    facilitator, conflicted = world.users["facilitator"], world.users["facilitator_conflicted"]
    world.review_call = call_with_criteria(slug="call-under-review")
    evaluations = under_review(world.review_call, [world.country_a, world.country_b], by=manager)
    world.evaluation_a, world.evaluation_b = evaluations["SN"], evaluations["GH"]
    world.assignment = Assignment.objects.create(evaluation=world.evaluation_a, reviewer=facilitator)
    Assignment.objects.create(evaluation=world.evaluation_b, reviewer=conflicted)
    world.conflict = services.conflict_declare(
        reviewer=conflicted, country=world.country_a, reason="Adviser to its ministry of health.", by=manager
    )
    Assignment.objects.create(evaluation=world.evaluation_a, reviewer=conflicted)
    world.clarification = services.clarification_ask(
        evaluation=world.evaluation_a, question="Which regions will the team come from?", by=facilitator
    )
