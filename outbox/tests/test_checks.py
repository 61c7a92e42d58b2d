from datetime import timedelta

from outbox.checks import outbox_timing


def test_timing_check_accepts_the_defaults():
    assert outbox_timing() == []


def test_timing_check_refuses_stuck_after_shorter_than_a_send(settings):
    settings.OUTBOX_SEND_TIME_LIMIT = 120
    settings.OUTBOX_STUCK_AFTER = timedelta(seconds=60)

    assert [error.id for error in outbox_timing()] == ["outbox.E001"]


def test_timing_check_refuses_a_send_longer_than_half_the_visibility_timeout(settings):
    settings.OUTBOX_SEND_TIME_LIMIT = 2000
    settings.OUTBOX_STUCK_AFTER = timedelta(hours=2)

    assert [error.id for error in outbox_timing()] == ["outbox.E002"]
