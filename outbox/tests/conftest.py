import pytest

from .smtp_server import SmtpServer


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 and the portal's settings pointing at it."""
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
        yield server


@pytest.fixture
def manager(make_user):
    from accounts.enums import Role

    return make_user(Role.MANAGER, full_name="Nadia Manager")


@pytest.fixture
def test_templates(settings):
    """Mail templates that exist only for these tests (outbox/tests/templates/),
    "outbox_tests/notice": the subject and body show a date, which Django writes
    in the language the mail is rendered in."""
    from copy import deepcopy
    from pathlib import Path

    templates = deepcopy(settings.TEMPLATES)
    for engine in templates:  # the HTML engine and the plain-text one
        engine["DIRS"] = [*engine["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    return "outbox_tests/notice"
