"""Withdrawing asks first: the button leads to a confirmation page (a plain form, no
JavaScript needed); "No" changes nothing, "Yes" withdraws."""

import pytest
from django.utils import translation

from eoi import services
from eoi.enums import EOIStatus
from eoi.models import ExpressionOfInterest
from eoi.tests.factories import fill_complete

pytestmark = [pytest.mark.browser]


def fr(text):
    with translation.override("fr"):
        return translation.gettext(text)


def _status(pk):
    return ExpressionOfInterest.objects.get(pk=pk).status


@pytest.mark.parametrize("javascript", [True, False])
def test_withdraw_asks_for_confirmation_first(browser, live_server, world, login_as, use_language, javascript):
    focal = world.users["focal_a"]
    eoi = fill_complete(world.eoi_a)
    services.eoi_submit(eoi=eoi, by=focal)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=javascript)
    try:
        page = context.new_page()
        login_as(page, focal)
        use_language(page, "fr")
        page.goto(f"/eoi/{eoi.pk}/", wait_until="domcontentloaded")
        page.get_by_role("link", name=fr("Withdraw")).click()
        page.wait_for_url(f"**/eoi/{eoi.pk}/withdraw/")
        assert page.get_by_role("heading", level=1).inner_text() == fr("Withdraw the expression of interest?")
        assert _status(eoi.pk) == EOIStatus.SUBMITTED  # asking changed nothing
        page.get_by_role("link", name=fr("No, keep it")).click()
        page.wait_for_url(f"**/eoi/{eoi.pk}/")
        assert _status(eoi.pk) == EOIStatus.SUBMITTED
        page.get_by_role("link", name=fr("Withdraw")).click()
        page.get_by_role("button", name=fr("Yes, withdraw it")).click()
        page.wait_for_url(f"**/eoi/{eoi.pk}/")
        assert _status(eoi.pk) == EOIStatus.WITHDRAWN
    finally:
        context.close()
