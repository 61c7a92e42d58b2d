import pytest
from django.core.exceptions import ImproperlyConfigured

from jln_portal.env import env_bool, env_int, env_list, env_str, env_url


@pytest.mark.parametrize("raw,expected", [("true", True), ("YES", True), ("1", True), ("off", False), ("0", False)])
def test_env_bool_reads_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", None) is expected


def test_env_bool_malformed_value_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe' is not a boolean"):
        env_bool("X_FLAG", False)


def test_env_missing_value_uses_default(monkeypatch):
    monkeypatch.delenv("X_ABSENT", raising=False)
    assert env_bool("X_ABSENT", True) is True
    assert env_int("X_ABSENT", 7) == 7
    assert env_list("X_ABSENT", ["a"]) == ["a"]


def test_env_required_value_missing_fails(monkeypatch):
    monkeypatch.delenv("X_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="X_REQUIRED is required"):
        env_str("X_REQUIRED")


def test_env_int_malformed_and_below_minimum_fail(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "12abc")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("X_NUMBER", 1)
    monkeypatch.setenv("X_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("X_NUMBER", 1, minimum=1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.org, b.org ,,")
    assert env_list("X_HOSTS", []) == ["a.org", "b.org"]


def test_env_url_checks_scheme(monkeypatch):
    monkeypatch.setenv("X_DB", "mysql://root@localhost/db")
    with pytest.raises(ImproperlyConfigured, match="X_DB must be a URL starting with postgres://"):
        env_url("X_DB", None, schemes=("postgres",))
    monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/jln")
    assert env_url("X_DB", None, schemes=("postgres",)) == "postgres://postgres@127.0.0.1:5432/jln"


def test_env_int_list_reads_days_and_fails_loudly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from jln_portal.env import env_int_list

    monkeypatch.setenv("X_DAYS", " 7, 2 ,")
    assert env_int_list("X_DAYS", [1], minimum=1) == [7, 2]
    assert env_int_list("X_ABSENT_DAYS", [7, 2]) == [7, 2]
    monkeypatch.setenv("X_DAYS", "7,two")
    with pytest.raises(ImproperlyConfigured, match="X_DAYS='7,two': 'two' is not a whole number"):
        env_int_list("X_DAYS", [1])
    monkeypatch.setenv("X_DAYS", "7,0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum of 1"):
        env_int_list("X_DAYS", [1], minimum=1)
