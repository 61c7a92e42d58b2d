"""The public form as an applicant goes through it: the form, then the link in the mail."""

import re

from django.urls import reverse

from outbox.models import OutboundMail


def confirmation_link(email):
    """The path of the latest confirmation link mailed to `email`."""
    mail = OutboundMail.objects.filter(to_email=email.lower(), dedupe_key__startswith="membership-confirm-").latest("pk")
    return re.search(r"https?://[^/\s]+(/membership/apply/confirm/[^\s]+/)", mail.body_text).group(1)


def apply_and_confirm(client, data, **extra):
    """Post the form, then follow and confirm the link; the confirmation's response."""
    response = client.post(reverse("membership:apply"), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return client.post(confirmation_link(data["contact_email"]), **extra)
