"""Issue 17: a focal point submits a team; one proposed member opens the link of their mail
(taken from the outbox) in a fresh browser, with no account, and confirms; the focal
point's EOI page then says "Confirmed" for that member."""

import re

import pytest

from eoi.confirmation_models import ConfirmationState, MemberConfirmation
from eoi.tests.factories import fill_complete
from outbox.models import OutboundMail

pytestmark = [pytest.mark.browser]


def test_member_confirms_from_the_mail_and_the_focal_point_sees_it(browser, live_server, world, login_as):
    focal = world.users["focal_a"]
    eoi = fill_complete(world.eoi_a)
    focal_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    member_context = browser.new_context(base_url=live_server.url, locale="en-GB")  # no account, no cookie
    try:
        page = focal_context.new_page()
        login_as(page, focal)
        page.goto(f"/eoi/{eoi.pk}/", wait_until="domcontentloaded")
        page.get_by_role("button", name="Submit the expression of interest").click()
        page.wait_for_url(f"**/eoi/{eoi.pk}/")
        mail = OutboundMail.objects.get(to_email="member1@example.org", dedupe_key__startswith="member-request-")
        path = re.search(r"https?://[^/\s]+(/\S*/members/\d+/confirm/\S+/)", mail.body_text).group(1)

        member_page = member_context.new_page()
        member_page.goto(path, wait_until="domcontentloaded")
        assert "Member 2" not in member_page.content()
        member_page.get_by_label("I confirm: I will be a member of the team").check()
        member_page.get_by_label("I agree that my name").check()
        member_page.get_by_role("button", name="Send my answer").click()
        member_page.get_by_text("Thank you: your confirmation has been recorded.").wait_for()
        assert MemberConfirmation.objects.get(member__eoi=eoi, member__slot=1).state == ConfirmationState.CONFIRMED

        page.reload(wait_until="domcontentloaded")
        assert page.locator('[data-confirmation="confirmed"]').count() == 1
        assert page.locator('[data-confirmation="waiting"]').count() == 3
    finally:
        member_context.close()
        focal_context.close()
