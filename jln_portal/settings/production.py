"""Production: a real secret key, PostgreSQL, Redis, SMTP and HTTPS are expected."""

from .base import *  # noqa: F403
from jln_portal.env import env_bool, env_choice, env_int, env_str, env_url

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("local-", "test-", "django-insecure")):  # noqa: F405
    from jln_portal.env import ConfigurationError

    raise ConfigurationError("SECRET_KEY must be a random value of at least 50 characters in production.")

DEBUG = env_bool("DEBUG", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Generated files (reports, dossiers) ---
# MEDIA_STORAGE=local (default): MEDIA_ROOT on this machine (JLN_VAR_DIR/media), fine for a single
# server. MEDIA_STORAGE=s3: an S3-compatible bucket (AWS S3, MinIO, Scaleway, OVH…) through
# django-storages, so every web server and worker sees the same files. Private objects; downloads
# go through the portal's permission-checked view. See README.md, "Generated files".
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", "local", choices=("local", "s3"))
if MEDIA_STORAGE == "s3":
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env_url("AWS_S3_ENDPOINT_URL", None, schemes=("https", "http")),
                "region_name": env_str("AWS_S3_REGION_NAME", None),
                # Without keys, boto3 finds credentials itself (instance role, ~/.aws, …).
                "access_key": env_str("AWS_ACCESS_KEY_ID", None),
                "secret_key": env_str("AWS_SECRET_ACCESS_KEY", None),
                "location": env_str("AWS_LOCATION", "media"),
                "addressing_style": env_choice("AWS_S3_ADDRESSING_STYLE", None, choices=("virtual", "path")),
                "default_acl": None,  # the bucket's policy: keep it private
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
