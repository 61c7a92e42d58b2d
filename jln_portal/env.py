"""Reading settings from the environment.

Every setting the portal takes from the environment goes through these helpers,
so a malformed value stops the process at start-up with a message naming the
variable, instead of being silently read as a default.
"""

import os
import sys
from contextlib import contextmanager
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


class ConfigurationError(ImproperlyConfigured):
    """A variable of the environment is missing or malformed; the message names it."""


@contextmanager
def exit_on_configuration_error():
    """Around a process's start (manage.py, the WSGI application): a ConfigurationError stops the
    process with one line naming the variable, not a traceback through Django's setup."""
    try:
        yield
    except ConfigurationError as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        raise SystemExit(2) from None

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if default is _MISSING:
            raise ConfigurationError(f"The environment variable {name} is required.")
        return None
    return value.strip()


def env_str(name, default=_MISSING):
    value = _raw(name, default)
    return default if value is None else value


def env_bool(name, default=_MISSING):
    value = _raw(name, default)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigurationError(
        f"{name}={value!r} is not a boolean: use one of true/false, yes/no, on/off, 1/0."
    )


def env_int(name, default=_MISSING, *, minimum=None):
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name}={number} is below the minimum of {minimum}.")
    return number


def env_list(name, default=_MISSING):
    value = _raw(name, default)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int_list(name, default=_MISSING, *, minimum=None):
    """Comma-separated whole numbers, e.g. EOI_REMINDER_DAYS=7,2."""
    value = _raw(name, default)
    if value is None:
        return list(default)
    numbers = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            number = int(item)
        except ValueError:
            raise ConfigurationError(f"{name}={value!r}: {item!r} is not a whole number.") from None
        if minimum is not None and number < minimum:
            raise ConfigurationError(f"{name}={value!r}: {number} is below the minimum of {minimum}.")
        numbers.append(number)
    return numbers


def env_url(name, default=_MISSING, *, schemes):
    """A URL whose scheme is one of `schemes`, e.g. DATABASE_URL or REDIS_URL."""
    value = _raw(name, default)
    if value is None:
        return default
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not (parsed.hostname or parsed.path):
        raise ConfigurationError(
            f"{name} must be a URL starting with {' or '.join(s + '://' for s in schemes)}; got {value!r}."
        )
    return value


def env_choice(name, default=_MISSING, *, choices):
    """One of `choices`, e.g. MEDIA_STORAGE=local|s3."""
    value = _raw(name, default)
    if value is None:
        return default
    if value not in choices:
        raise ConfigurationError(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value
