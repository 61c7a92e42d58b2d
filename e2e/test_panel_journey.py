"""From the country to the panel, as each person sees it, in headless Chromium:
an English-speaking focal point's three-member team is refused at submit with the
reasons shown; a facilitator scores an EOI; a conflicted facilitator cannot open
it; the manager shortlists within capacity, watching the live count; then records
the decisions, finalises, prepares the feedback letters, approves and sends the
batch (each person receives exactly one letter), and downloads the selection report.

Labels come from the catalogue (gettext), never retyped. The world's objects
(jln_portal/tests/world.py, eoi/ and evaluation/tests/world.py) are the cast."""

import re
from collections import Counter
from email.utils import parseaddr

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from eoi.enums import EOIStatus
from eoi.models import Call, ExpressionOfInterest
from evaluation.enums import Decision, EvaluationState, ReviewState
from evaluation.models import Evaluation, Review
from evaluation.services.feedback_mail import feedback_batch, feedback_recipients
from outbox.enums import MailState
from outbox.models import OutboundMail
from reports.models import GeneratedFile

pytestmark = pytest.mark.browser

TEAM = [
    ("Ama Owusu", "Director of Policy", "Ministry of Health", "national", 1, "female"),
    ("Kwame Boateng", "Head of Claims", "National Health Insurance Authority", "national", 2, "male"),
    ("Efua Mensah", "Regional Director", "Ashanti Regional Health Directorate", "subnational", 4, "female"),
]


def say(text, language="en", **values):
    """The page's wording in `language`, from the catalogue."""
    with translation.override(language):
        return translation.gettext(text) % values if values else translation.gettext(text)


def say_n(singular, plural, number, /, language="en", **values):
    """The page's wording for `n` things in `language`, from the catalogue."""
    with translation.override(language):
        return translation.ngettext(singular, plural, number) % values


def test_english_focal_point_three_member_team_refused_at_submit(page, world, login_as):
    from playwright.sync_api import expect

    call = world.call
    profiles = {p.number: str(p.pk) for p in call.profiles.all()}
    login_as(page, world.users["focal_b"])
    page.goto(reverse("eoi:home"))
    page.get_by_role("button", name=say("Start the expression of interest")).click()
    expect(page).to_have_url(re.compile(r"/eoi/\d+/edit/$"))

    for key in ("relevance", "efforts", "action"):
        page.fill(f"#id_answer_{key}", "Ghana pays its primary care facilities through capitation.")
    for slot, (name, position, organisation, level, profile, gender) in enumerate(TEAM, start=1):
        page.fill(f"#id_m{slot}_name", name)
        page.fill(f"#id_m{slot}_position", position)
        page.fill(f"#id_m{slot}_organisation", organisation)
        page.select_option(f"#id_m{slot}_level", level)
        page.select_option(f"#id_m{slot}_profile_id", profiles[profile])
        page.select_option(f"#id_m{slot}_gender", gender)
        page.fill(f"#id_m{slot}_email", f"member{slot}@example.org")
        page.fill(f"#id_m{slot}_why_role_matters", "Leads the reform of provider payment.")
        page.check(f"#id_m{slot}_commits_to_meetings")
    page.fill("#id_contact_name", "Kofi Mensah")
    page.fill("#id_contact_position", "JLN focal point")
    page.fill("#id_contact_email", "kofi.mensah@example.org")
    page.get_by_role("button", name=say("Save and review before submitting")).click()

    page.get_by_role("button", name=say("Submit the expression of interest")).click()
    minimum = say("Propose at least %(minimum)s team members (%(count)s so far).", minimum=call.min_team_size, count=3)
    expect(page.get_by_text(minimum)).to_be_visible()

    eoi = ExpressionOfInterest.objects.get(call=call, country=world.country_b)
    assert eoi.status == EOIStatus.DRAFT and eoi.submitted_at is None
    assert eoi.team_members.exclude(name="").count() == 3


def test_facilitator_scores_every_criterion_and_submits(page, world, login_as):
    from playwright.sync_api import expect

    criteria = list(world.review_call.criteria.order_by("order", "pk"))
    login_as(page, world.users["facilitator"])
    page.goto(reverse("evaluation:home"))
    page.get_by_role("link", name=re.compile(world.country_a.name)).first.click()
    expect(page).to_have_url(re.compile(rf"/evaluation/eois/{world.evaluation_a.pk}/$"))
    for score, criterion in enumerate(criteria, start=2):
        page.check(f"input[name=score_{criterion.pk}][value='{score}']")
        page.fill(f"#id_comment_{criterion.pk}", f"Evidence for {criterion.name_en}.")
    page.get_by_role("button", name=say("Submit review")).click()
    expect(page.get_by_text(say("Review submitted."))).to_be_visible()

    review = Review.objects.get(evaluation=world.evaluation_a, reviewer=world.users["facilitator"])
    assert review.state == ReviewState.SUBMITTED
    assert sorted((s.criterion_id, s.value, s.comment) for s in review.scores.all()) == [
        (c.pk, score, f"Evidence for {c.name_en}.") for score, c in enumerate(criteria, start=2)
    ]


def test_conflicted_facilitator_cannot_open_that_eoi(page, world, login_as):
    from playwright.sync_api import expect

    login_as(page, world.users["facilitator_conflicted"])
    response = page.goto(reverse("evaluation:evaluation", args=[world.evaluation_a.pk]))
    assert response.status == 404
    # The page says why (their own conflict, which they know), and shows nothing of the EOI.
    expect(page.locator("main")).to_contain_text(say("You declared a conflict of interest with %(country)s: its expression of interest is not shown to you, and your reviews of it do not count.") % {"country": world.country_a.name})
    expect(page.get_by_role("button", name=say("Submit review"))).to_have_count(0)
    expect(page.locator("textarea, input[type=radio]")).to_have_count(0)
    page.goto(reverse("evaluation:home"))  # nor is it among the EOIs to review
    expect(page.get_by_role("link", name=re.compile(world.country_a.name))).to_have_count(0)


def test_manager_shortlists_within_capacity(page, world, login_as):
    from playwright.sync_api import expect

    from evaluation.tests.factories import review

    Call.objects.filter(pk=world.review_call.pk).update(target_teams=1, min_teams=1, max_participants=4)
    review(world.evaluation_a, world.users["facilitator"], (4, 4, 4))
    review(world.evaluation_b, world.users["facilitator_conflicted"], (3, 3, 3))
    login_as(page, world.users["manager"])
    page.goto(reverse("evaluation:shortlist", args=[world.review_call.pk]))
    card = page.locator("[data-capacity]")
    expect(card.locator("[data-capacity-teams]")).to_have_text("0")
    page.check(f"#shortlist-{world.evaluation_a.pk}")
    expect(card.locator("[data-capacity-teams]")).to_have_text("1")
    expect(card.locator("[data-capacity-participants]")).to_have_text("4")
    expect(card.locator("[data-capacity-participants-exceeded]")).to_be_hidden()
    page.check(f"#shortlist-{world.evaluation_b.pk}")  # one team too many: the count says so at once
    expect(card.locator("[data-capacity-participants]")).to_have_text("8")
    expect(card.locator("[data-capacity-participants-exceeded]")).to_be_visible()
    page.uncheck(f"#shortlist-{world.evaluation_b.pk}")
    expect(card.locator("[data-capacity-participants-exceeded]")).to_be_hidden()
    page.get_by_role("button", name=say("Save the shortlist")).click()
    expect(page.get_by_text(say("Shortlist saved."))).to_be_visible()

    states = dict(Evaluation.objects.filter(eoi__call=world.review_call).values_list("eoi__country__code", "state"))
    assert states == {"SN": EvaluationState.SHORTLISTED, "GH": EvaluationState.UNDER_REVIEW}


def _reviewed_and_shortlisted(world):
    """The state the shortlisting test leaves, made through the services: both EOIs
    reviewed, A's shortlisted within a one-team call."""
    from evaluation import services
    from evaluation.tests.factories import review

    call, manager = world.review_call, world.users["manager"]
    Call.objects.filter(pk=call.pk).update(target_teams=1, min_teams=1, max_participants=4)
    call.refresh_from_db()
    review(world.evaluation_a, world.users["facilitator"], (4, 4, 4))
    review(world.evaluation_b, world.users["facilitator_conflicted"], (3, 3, 3))
    services.shortlist_set(call=call, shortlisted_ids=[world.evaluation_a.pk], by=manager)
    return call


def _prefix(text, **values):
    """A regular expression for the catalogue's sentence up to its first `%(...)s` placeholder."""
    marker = "\x00"
    return re.compile("^" + re.escape(say(text, **{k: marker for k in values}).split(marker)[0]))


def test_manager_decides_finalises_sends_feedback_once_and_downloads_the_report(page, world, login_as):
    from playwright.sync_api import expect
    from pypdf import PdfReader

    call = _reviewed_and_shortlisted(world)
    login_as(page, world.users["manager"])

    # Decisions: feedback drafted from the scores, the rest not selected, A selected by hand.
    page.goto(reverse("evaluation:decisions", args=[call.pk]))
    page.get_by_role("button", name=say("Fill every empty feedback from the criteria, scores and comments")).click()
    expect(page.get_by_text(say("Empty feedback filled in from the criteria, scores and comments."))).to_be_visible()
    page.get_by_role("button", name=say(
        "Mark every EOI that is not shortlisted and has no decision as not selected")).click()
    marked = say_n("%(count)s expression of interest marked as not selected.",
                   "%(count)s expressions of interest marked as not selected.", 1, count=1)
    expect(page.get_by_text(marked)).to_be_visible()
    page.get_by_role("link", name=world.country_a.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/evaluation/eois/{world.evaluation_a.pk}/decision/$"))
    page.get_by_label(say("Decision"), exact=True).select_option(label=str(Decision.SELECTED.label))
    page.get_by_role("button", name=say("Save"), exact=True).click()

    # Confirmation, then final.
    page.goto(reverse("evaluation:decisions", args=[call.pk]))
    page.get_by_role("link", name=say("Review every decision before finalising")).click()
    expect(page.locator("#finalise-problems")).to_have_count(0)
    page.get_by_role("button", name=say("Make these decisions final")).click()
    expect(page.get_by_text(say("The decisions are final. Reviews can no longer be changed."))).to_be_visible()
    states = dict(Evaluation.objects.filter(eoi__call=call).values_list("eoi__country__code", "state"))
    assert states == {"SN": EvaluationState.SELECTED, "GH": EvaluationState.NOT_SELECTED}

    # Feedback letters: prepared, approved on the outbox's batch page, sent now.
    page.goto(reverse("evaluation:feedback", args=[call.pk]))
    page.get_by_role("button", name=say("Prepare the letters")).click()
    batch = feedback_batch(call)
    # One letter per country to each of its recipients. The factory gives both EOIs the
    # same contact person (awa@example.org), who therefore hears about each country once.
    expected = Counter(
        r.email.lower() for e in Evaluation.objects.filter(eoi__call=call).select_related("eoi__country")
        for r in feedback_recipients(e.eoi)
    )
    assert len(expected) == 5  # A's three focal points (one invited), B's focal point, the shared contact
    drafts = say_n("Approve %(n)s draft", "Approve %(n)s drafts", expected.total(), n=expected.total())
    page.get_by_role("link", name=say("Preview, edit and approve the letters in the outbox")).click()
    sent_before = len(mail.outbox)
    page.get_by_role("button", name=drafts).click()
    page.get_by_role("button", name=say("Send now")).click()
    expect(page.get_by_role("button", name=say("Send now"))).to_have_count(0)

    letters = list(OutboundMail.objects.filter(batch=batch))
    assert {letter.state for letter in letters} == {MailState.SENT}
    per_country = Counter(((letter.related_type_id, letter.related_id), letter.to_email.lower()) for letter in letters)
    assert set(per_country.values()) == {1} and Counter(a for _, a in per_country) == expected
    received = Counter(parseaddr(address)[1].lower() for message in mail.outbox[sent_before:] for address in message.to)
    assert {address: received[address] for address in expected} == dict(expected)

    # The selection report, asked for on the Reports page and downloaded.
    page.goto(reverse("reports:list"))
    row = page.locator("li", has_text=say("Selection report of a call (PDF)"))
    row.get_by_role("link", name=say("Choose…")).click()
    page.get_by_label(say("Call")).select_option(label=call.title)
    page.get_by_role("button", name=say("Generate")).click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    generated = GeneratedFile.objects.get(kind="selection_report")
    assert generated.is_ready, generated.error
    with page.expect_download() as download_info:
        page.get_by_role("link", name=_prefix("Download %(name)s (%(size)s)", name=1, size=1)).click()
    download = download_info.value
    assert download.suggested_filename == generated.filename
    text = " ".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert world.country_a.name in text


def test_a_late_conflict_after_finalisation_is_a_note_on_the_record_and_changes_no_figure(page, world, login_as):
    """Final means final: the facilitator who reviewed A declares a conflict with A's country after
    the decisions are final. Their review still counts in the record (its figures do not move);
    the conflict is a note on the record, which the manager reads on the Decisions page."""
    from playwright.sync_api import expect

    from evaluation import services
    from evaluation.models import Conflict, RecordNote
    from evaluation.selectors.common import settings_or_default
    from evaluation.selectors.ranking import ranking

    call, manager = _reviewed_and_shortlisted(world), world.users["manager"]
    for evaluation, decision in ((world.evaluation_a, Decision.SELECTED), (world.evaluation_b, Decision.NOT_SELECTED)):
        evaluation = Evaluation.objects.get(pk=evaluation.pk)
        services.decision_set(evaluation=evaluation, decision=decision, by=manager)
        services.evaluation_feedback_prefill(evaluation=evaluation, by=manager)
    services.evaluation_finalise_call(call=call, by=manager)

    def figures():
        fresh = Call.objects.select_related("evaluation_settings").get(pk=call.pk)
        reader = type(manager).objects.get(pk=manager.pk)
        return [(row.evaluation.pk, row.rank, row.mean) for row in ranking(fresh, settings_or_default(fresh), reader, {}).rows]

    before = figures()
    assert before[0][2] is not None  # A has a mean, from the facilitator's review

    reason = "My sister joined the team after the selection."
    login_as(page, world.users["facilitator"])
    page.goto(reverse("evaluation:conflicts"))
    page.get_by_label(say("Country")).select_option(label=str(world.country_a.name))
    page.get_by_label(say("Reason")).fill(reason)
    page.get_by_role("button", name=say("Declare"), exact=True).click()
    expect(page.get_by_text(say("Conflict of interest recorded."))).to_be_visible()
    assert Conflict.objects.filter(reviewer=world.users["facilitator"], country=world.country_a).exists()

    assert figures() == before  # the record's means and ranks did not move
    note = RecordNote.objects.get(call=call)
    assert (note.evaluation_id, note.text) == (world.evaluation_a.pk, reason)

    login_as(page, manager)
    page.goto(reverse("evaluation:decisions", args=[call.pk]))
    expect(page.get_by_role("heading", name=say("Notes on the final record"))).to_be_visible()
    expect(page.get_by_text(reason)).to_be_visible()
    expect(page.get_by_role("link", name=say("Review every decision before finalising"))).to_have_count(0)
    expect(page.locator(f"a[href='{reverse('evaluation:decision', args=[world.evaluation_a.pk])}']")).to_have_count(0)


def test_feedback_drafted_before_a_review_is_flagged_then_drafted_again(page, world, login_as):
    """Issue 14: the manager drafts A's feedback from one review; a second reviewer submits
    afterwards; the decision page and the finalise page say the feedback is stale; drafting it
    again from the scores clears the flag and quotes the new review."""
    from playwright.sync_api import expect

    from evaluation.models import Assignment
    from evaluation.tests.factories import facilitator, review

    call = _reviewed_and_shortlisted(world)
    login_as(page, world.users["manager"])
    page.goto(reverse("evaluation:decisions", args=[call.pk]))
    page.get_by_role("button", name=say("Fill every empty feedback from the criteria, scores and comments")).click()
    page.goto(reverse("evaluation:decision", args=[world.evaluation_a.pk]))
    expect(page.locator("#stale-feedback")).to_have_count(0)

    late = facilitator(full_name="Late Reviewer")
    Assignment.objects.create(evaluation=world.evaluation_a, reviewer=late)
    review(world.evaluation_a, late, (1, 1, 1), comment="Submitted after the feedback was drafted.")

    stale = say_n("The feedback was drafted before %(n)s more review was submitted.",
                  "The feedback was drafted before %(n)s more reviews were submitted.", 1, n=1)
    page.reload()
    expect(page.locator("#stale-feedback")).to_contain_text(stale)
    page.goto(reverse("evaluation:finalise", args=[call.pk]))
    expect(page.locator("#finalise-warnings")).to_contain_text(stale)

    page.goto(reverse("evaluation:decision", args=[world.evaluation_a.pk]))
    page.get_by_role("button", name=say("Replace the feedback with a new draft from the scores")).click()
    expect(page.get_by_text(say("The feedback was written again from the scores and comments."))).to_be_visible()
    expect(page.locator("#stale-feedback")).to_have_count(0)
    expect(page.get_by_label(say("Feedback to the country (English)"))).to_have_value(
        re.compile("Submitted after the feedback was drafted."))
    page.goto(reverse("evaluation:finalise", args=[call.pk]))
    expect(page.locator("#finalise-warnings")).not_to_contain_text(stale)
