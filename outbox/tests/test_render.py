import pytest

from accounts.enums import Role
from accounts.services import invitation_send
from outbox.models import OutboundMail

pytestmark = pytest.mark.django_db


def test_text_part_keeps_apostrophes_and_html_part_escapes_them(make_user):
    manager = make_user(Role.MANAGER, full_name="Grace O'Neil")
    invitation_send(
        email="n@example.org", full_name="Aïssatou N'Diaye <b>", role=Role.FACILITATOR, by=manager,
        base_url="http://testserver",
    )
    mail = OutboundMail.objects.get()
    assert "Aïssatou N'Diaye <b>" in mail.body_text
    assert "Grace O'Neil" in mail.body_text
    assert "N&#x27;Diaye &lt;b&gt;" in mail.body_html
