"""The production switch between local and S3-compatible storage for generated files."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from jln_portal.env import env_choice

PRINT_STORAGE = """
import json
from django.conf import settings
default = settings.STORAGES["default"]
print(json.dumps({"backend": default["BACKEND"], "options": default.get("OPTIONS", {})}))
"""

def production(extra_env):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MEDIA_STORAGE", "DATABASE_URL", "REDIS_URL"))},
        "DJANGO_SETTINGS_MODULE": "jln_portal.settings.production",
        "SECRET_KEY": "x" * 60,
        **extra_env,
    }
    code = "import django; django.setup();" + PRINT_STORAGE
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR)


def test_production_storage_is_local_by_default():
    result = production({})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["backend"] == "django.core.files.storage.FileSystemStorage"


def test_production_storage_s3_reads_the_aws_variables():
    result = production({
        "MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "jln-files", "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
        "AWS_S3_REGION_NAME": "eu-west-3", "AWS_ACCESS_KEY_ID": "key", "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_S3_ADDRESSING_STYLE": "path",
    })
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout.splitlines()[-1])
    assert storage["backend"] == "storages.backends.s3.S3Storage"
    assert storage["options"] == {
        "bucket_name": "jln-files", "endpoint_url": "https://s3.example.org", "region_name": "eu-west-3",
        "access_key": "key", "secret_key": "secret", "location": "media", "addressing_style": "path",
        "default_acl": None, "querystring_auth": True, "file_overwrite": False,
    }


def test_production_storage_s3_builds_a_working_storage_object():
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import default_storage as s;"
        "print(type(s._setup() or s._wrapped).__name__, s.bucket_name, s.location)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DATABASE_URL", "REDIS_URL"))},
        "DJANGO_SETTINGS_MODULE": "jln_portal.settings.production", "SECRET_KEY": "x" * 60,
        "MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "jln-files",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "jln-files", "media"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE='ftp' must be one of: local, s3."),
        ({"MEDIA_STORAGE": "s3"}, "The environment variable AWS_STORAGE_BUCKET_NAME is required."),
        ({"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "s3.example.org"},
         "AWS_S3_ENDPOINT_URL must be a URL starting with https:// or http://"),
    ],
)
def test_production_storage_misconfiguration_stops_the_process(extra, message):
    result = production(extra)
    assert result.returncode != 0
    assert message in result.stderr


def test_env_choice_accepts_only_its_choices(monkeypatch):
    monkeypatch.setenv("JLN_TEST_CHOICE", "s3")
    assert env_choice("JLN_TEST_CHOICE", "local", choices=("local", "s3")) == "s3"
    monkeypatch.delenv("JLN_TEST_CHOICE")
    assert env_choice("JLN_TEST_CHOICE", "local", choices=("local", "s3")) == "local"
    monkeypatch.setenv("JLN_TEST_CHOICE", "S3")
    with pytest.raises(ImproperlyConfigured):
        env_choice("JLN_TEST_CHOICE", "local", choices=("local", "s3"))
