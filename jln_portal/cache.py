"""A Redis cache that fails soft: while Redis is unreachable, a read answers as a miss
(the default), a write does nothing, and the page goes on without the cache — it is
a cache, never the only copy of anything (sessions are in the database:
SESSION_ENGINE is Django's default). Each failure is logged; a short socket timeout
(REDIS_CACHE_TIMEOUT, settings) keeps a page from waiting long on a Redis that does
not answer."""

import logging

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)


def _soft(name, default):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(FailSoftRedisCache, self), name)(*args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Cache unavailable, %s() skipped: %s", name, error)
            return default() if callable(default) else default

    method.__name__ = name
    return method


class FailSoftRedisCache(RedisCache):
    add = _soft("add", False)
    set = _soft("set", None)
    touch = _soft("touch", False)
    delete = _soft("delete", False)
    get_many = _soft("get_many", dict)
    has_key = _soft("has_key", False)
    delete_many = _soft("delete_many", None)
    clear = _soft("clear", False)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            logger.warning("Cache unavailable, get() answers a miss: %s", error)
            return default() if callable(default) else default

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys not stored: all of them while Redis is unreachable."""
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            logger.warning("Cache unavailable, set_many() skipped: %s", error)
            return list(data)

    def incr(self, key, delta=1, version=None):
        """Like a missing key (ValueError) while Redis is unreachable."""
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            logger.warning("Cache unavailable, incr() refused: %s", error)
            raise ValueError(f"Key {key!r} not found (cache unavailable)") from error

