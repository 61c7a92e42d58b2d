"""The manager's outbox pages: who may do what, what each page shows, and
that a repeated click changes nothing."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from outbox.enums import MailState
from outbox.models import OutboundMail

from .factories import OutboundMailFactory

pytestmark = pytest.mark.django_db


def reload(mail):
    return OutboundMail.objects.get(pk=mail.pk)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def page_messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Permissions: every role × every page and action. ---

MAIL_PAGES = [
    ("get", "outbox:detail", MailState.DRAFT, {}),
    ("get", "outbox:edit", MailState.DRAFT, {}),
    ("post", "outbox:approve", MailState.DRAFT, {}),
    ("post", "outbox:schedule", MailState.APPROVED, {"when": "now"}),
    ("post", "outbox:unschedule", MailState.SCHEDULED, {}),
    ("post", "outbox:discard", MailState.DRAFT, {}),
    ("post", "outbox:resend", MailState.SENT, {"seen_resends": "0"}),
]
ROLES = [None, Role.FOCAL_POINT, Role.FACILITATOR, Role.STEERING, Role.MANAGER]


def login(client, make_user, role):
    if role is not None:
        client.force_login(make_user(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "name", "state", "data"), MAIL_PAGES)
def test_mail_pages_only_for_the_manager(client, make_user, role, method, name, state, data):
    mail = OutboundMailFactory(state=state, send_after=timezone.now() + timedelta(days=1), sent_at=timezone.now())
    login(client, make_user, role)

    response = getattr(client, method)(reverse(name, args=[mail.pk]), data)

    expected = {None: 302, Role.MANAGER: 200 if method == "get" else 302}.get(role, 404)
    assert response.status_code == expected
    if role is None:
        assert response["Location"].startswith(reverse("accounts:login"))
    if role not in (None, Role.MANAGER):
        assert reload(mail).state == state  # nothing changed


PAGES = [
    ("get", lambda: reverse("outbox:list"), {}),
    ("get", lambda: reverse("outbox:batch", args=["feedback-call-1"]), {}),
    ("post", lambda: reverse("outbox:batch_approve", args=["feedback-call-1"]), {}),
    ("post", lambda: reverse("outbox:batch_schedule", args=["feedback-call-1"]), {"when": "now"}),
    ("post", lambda: reverse("outbox:dispatch"), {}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "data"), PAGES)
def test_outbox_pages_only_for_the_manager(client, make_user, role, method, url, data):
    draft = OutboundMailFactory(batch="feedback-call-1")
    login(client, make_user, role)

    response = getattr(client, method)(url(), data)

    expected = {None: 302, Role.MANAGER: 200 if method == "get" else 302}.get(role, 403)
    assert response.status_code == expected
    if role not in (None, Role.MANAGER):
        assert reload(draft).state == MailState.DRAFT


def test_actions_refuse_get(manager_client):
    mail = OutboundMailFactory()

    assert manager_client.get(reverse("outbox:approve", args=[mail.pk])).status_code == 405
    assert reload(mail).state == MailState.DRAFT


# --- List and send log. ---

def test_list_shows_counts_by_state_and_filters(manager_client):
    OutboundMailFactory.create_batch(2)
    OutboundMailFactory(state=MailState.SENT, sent_at=timezone.now(), subject="Was sent")

    response = manager_client.get(reverse("outbox:list"))
    counts = {state: n for state, _label, n in response.context["counts"]}
    assert counts == {"draft": 2, "approved": 0, "scheduled": 0, "sending": 0, "sent": 1, "failed": 0, "discarded": 0}

    response = manager_client.get(reverse("outbox:list"), {"state": "sent"})
    assert [m.subject for m in response.context["object_list"]] == ["Was sent"]


def test_sent_log_lists_latest_sent_first_with_time_and_recipient(manager_client):
    now = timezone.now()
    older = OutboundMailFactory(state=MailState.SENT, sent_at=now - timedelta(hours=2), to_email="old@example.org")
    newer = OutboundMailFactory(state=MailState.SENT, sent_at=now - timedelta(hours=1), to_email="new@example.org")
    newer.created_at = now - timedelta(days=3)
    newer.save()

    response = manager_client.get(reverse("outbox:list"), {"state": "sent"})

    assert list(response.context["object_list"]) == [newer, older]
    content = response.content.decode()
    assert "Send log" in content and "new@example.org" in content and content.index("new@") < content.index("old@")


def test_list_shows_warning_for_a_batch_due_soon_with_drafts(manager_client):
    OutboundMailFactory(batch="feedback-call-12", state=MailState.SCHEDULED, send_after=timezone.now() + timedelta(days=1))
    OutboundMailFactory(batch="feedback-call-12")

    content = manager_client.get(reverse("outbox:list")).content.decode()

    assert "Batch feedback-call-12 is due on" in content and "1 mail is not approved yet." in content


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_does_not_grow_with_rows(manager_client, django_assert_num_queries, rows):
    for i in range(rows):
        OutboundMailFactory(batch=f"batch-{i % 3}", state=MailState.SENT if i % 2 else MailState.DRAFT,
                            sent_at=timezone.now())

    with django_assert_num_queries(6):  # session (read; the login started its renewal count), user, count, page, counts by state, open batches
        response = manager_client.get(reverse("outbox:list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_batch_page_query_count_does_not_grow_with_rows(manager_client, django_assert_num_queries, rows):
    OutboundMailFactory.create_batch(rows, batch="b1")

    with django_assert_num_queries(4):  # session (read; the login started its renewal count), user, counts, mails
        response = manager_client.get(reverse("outbox:batch", args=["b1"]))
    assert len(response.context["mails"]) == rows


def test_batch_page_unknown_batch_is_404(manager_client):
    assert manager_client.get(reverse("outbox:batch", args=["nothing-here"])).status_code == 404


# --- Preview, edit. ---

def test_detail_previews_text_and_sandboxed_html(manager_client):
    mail = OutboundMailFactory(body_text="Bonjour Awa,\nVotre retour.", body_html='<p onclick="x">Bonjour "Awa"</p>')

    content = manager_client.get(reverse("outbox:detail", args=[mail.pk])).content.decode()

    assert "Bonjour Awa,\nVotre retour." in content
    assert 'sandbox="" title="HTML version" srcdoc="&lt;p onclick=&quot;x&quot;&gt;Bonjour &quot;Awa&quot;&lt;/p&gt;"' in content


def test_edit_saves_text_and_regenerates_html(manager_client):
    mail = OutboundMailFactory()

    response = manager_client.post(reverse("outbox:edit", args=[mail.pk]), {"subject": "New", "body_text": "New text"})

    assert response.status_code == 302
    mail = reload(mail)
    assert (mail.subject, mail.body_text) == ("New", "New text") and "<p>New text</p>" in mail.body_html


def test_edit_with_an_empty_subject_keeps_what_was_typed(manager_client):
    mail = OutboundMailFactory()

    response = manager_client.post(reverse("outbox:edit", args=[mail.pk]), {"subject": "", "body_text": "Typed text"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Please correct the following:" in content and "Typed text" in content
    assert reload(mail).body_text == mail.body_text


def test_edit_of_a_sent_mail_is_404(manager_client):
    mail = OutboundMailFactory(state=MailState.SENT, sent_at=timezone.now())

    assert manager_client.get(reverse("outbox:edit", args=[mail.pk])).status_code == 404


# --- Double clicks. ---

def test_approve_clicked_twice_approves_once(manager_client, manager):
    mail = OutboundMailFactory()
    url = reverse("outbox:approve", args=[mail.pk])

    manager_client.post(url)
    second = manager_client.post(url, follow=True)

    assert reload(mail).state == MailState.APPROVED and reload(mail).approved_by == manager
    assert "This mail was already approved." in page_messages(second)
    assert mail.history.count() == 2


def test_send_now_clicked_twice_sends_once(manager_client, django_capture_on_commit_callbacks):
    mail = OutboundMailFactory(state=MailState.APPROVED)
    url = reverse("outbox:schedule", args=[mail.pk])

    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(url, {"when": "now"})
    with django_capture_on_commit_callbacks(execute=True):
        second = manager_client.post(url, {"when": "now"}, follow=True)

    assert len(django_mail.outbox) == 1 and reload(mail).state == MailState.SENT
    assert page_messages(second) == ["Handed to the sending queue: it leaves now.", "This mail has already left."]


def test_resend_clicked_twice_makes_one_copy(manager_client, django_capture_on_commit_callbacks):
    mail = OutboundMailFactory(state=MailState.FAILED, last_error="550 no")
    url = reverse("outbox:resend", args=[mail.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = manager_client.post(url, {"seen_resends": "0"})
        manager_client.post(url, {"seen_resends": "0"})

    copy = mail.resends.get()
    assert first["Location"] == reverse("outbox:detail", args=[copy.pk])
    assert len(django_mail.outbox) == 1 and reload(copy).state == MailState.SENT


def test_batch_approve_and_send_now_clicked_twice(manager_client, django_capture_on_commit_callbacks):
    mails = OutboundMailFactory.create_batch(3, batch="feedback-call-1")

    for _ in range(2):
        manager_client.post(reverse("outbox:batch_approve", args=["feedback-call-1"]))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            manager_client.post(reverse("outbox:batch_schedule", args=["feedback-call-1"]), {"when": "now"})

    assert {reload(m).state for m in mails} == {MailState.SENT}
    assert sorted(len(m.to) for m in django_mail.outbox) == [1, 1, 1]


# --- Scheduling form. ---

def test_schedule_later_without_a_time_shows_the_error(manager_client):
    OutboundMailFactory(batch="b1", state=MailState.APPROVED)

    response = manager_client.post(reverse("outbox:batch_schedule", args=["b1"]), {"when": "later", "send_after": ""})

    assert response.status_code == 200
    assert "Choose the date and time, or send now." in response.content.decode()
    assert OutboundMail.objects.get().state == MailState.APPROVED


def test_schedule_in_the_past_is_refused_and_keeps_the_input(manager_client):
    mail = OutboundMailFactory(state=MailState.APPROVED)

    response = manager_client.post(
        reverse("outbox:schedule", args=[mail.pk]), {"when": "later", "send_after": "2020-01-08T09:30"}
    )

    content = response.content.decode()
    assert "This time has passed" in content and 'value="2020-01-08T09:30"' in content
    assert reload(mail).state == MailState.APPROVED


def test_schedule_later_sets_the_time(manager_client):
    mail = OutboundMailFactory(state=MailState.APPROVED)
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)

    manager_client.post(
        reverse("outbox:schedule", args=[mail.pk]), {"when": "later", "send_after": when.strftime("%Y-%m-%dT%H:%M")}
    )

    assert (reload(mail).state, reload(mail).send_after) == (MailState.SCHEDULED, when)


def test_dispatch_sends_due_mails(manager_client, django_capture_on_commit_callbacks):
    due = OutboundMailFactory(due=True)
    later = OutboundMailFactory(state=MailState.SCHEDULED, send_after=timezone.now() + timedelta(days=1))

    manager_client.post(reverse("outbox:dispatch"))

    assert reload(due).state == MailState.SENT and reload(later).state == MailState.SCHEDULED
    assert len(django_mail.outbox) == 1


def test_batch_page_in_french(manager_client):
    OutboundMailFactory(batch="b1", state=MailState.SCHEDULED, send_after=timezone.now() + timedelta(days=1))
    OutboundMailFactory(batch="b1")

    content = manager_client.get(reverse("outbox:batch", args=["b1"]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Lot b1" in content and "Approuver 1 brouillon" in content
    assert "1 courriel n’est pas encore approuvé." in content
