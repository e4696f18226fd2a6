"""PRIVATE_STORAGE=s3 makes STORAGES["private"] a django-storages S3Storage configured
from the PRIVATE_S3_* variables: bucket, key prefix, endpoint (MinIO and other
S3-compatible services), region, keys, private ACL, no signed URLs, no overwriting.
The storage and its boto3 client are built with every network connection refused:
nothing here talks to a server."""

import runpy
import socket

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import StorageHandler
from storages.backends.s3 import S3Storage

from loket.core.storage import PrivateFileSystemStorage

SETTINGS = str(settings.BASE_DIR / "loket" / "settings.py")
VARIABLES = [
    "PRIVATE_STORAGE",
    "PRIVATE_S3_BUCKET",
    "PRIVATE_S3_PREFIX",
    "PRIVATE_S3_ENDPOINT_URL",
    "PRIVATE_S3_REGION",
    "PRIVATE_S3_ACCESS_KEY_ID",
    "PRIVATE_S3_SECRET_ACCESS_KEY",
    "PRIVATE_S3_ADDRESSING_STYLE",
    "PRIVATE_S3_DEFAULT_ACL",
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the test tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _private(monkeypatch, tmp_path, **env):
    """STORAGES["private"] of loket/settings.py read afresh under ``env``, built."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loaded = runpy.run_path(SETTINGS)
    return loaded["STORAGES"]["private"], StorageHandler(loaded["STORAGES"])["private"]


def test_it_builds_an_s3_storage_from_the_variables(monkeypatch, tmp_path):
    config, storage = _private(
        monkeypatch,
        tmp_path,
        PRIVATE_STORAGE="s3",
        PRIVATE_S3_BUCKET="loket-private",
        PRIVATE_S3_PREFIX="/pekanbaru/",
        PRIVATE_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        PRIVATE_S3_REGION="ap-southeast-3",
        PRIVATE_S3_ACCESS_KEY_ID="loket",
        PRIVATE_S3_SECRET_ACCESS_KEY="rahasia-uji",
        PRIVATE_S3_ADDRESSING_STYLE="path",
    )
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert isinstance(storage, S3Storage)
    assert storage.bucket_name == "loket-private" and storage.location == "pekanbaru"
    assert storage.endpoint_url == "http://127.0.0.1:9000"
    assert (storage.access_key, storage.secret_key) == ("loket", "rahasia-uji")
    assert storage.default_acl == "private"
    assert storage.querystring_auth is False and storage.file_overwrite is False
    # The boto3 client it would use points at that endpoint and region, path-style.
    client = storage.connection.meta.client
    assert client.meta.endpoint_url == "http://127.0.0.1:9000"
    assert client.meta.region_name == "ap-southeast-3"
    assert client.meta.config.s3 == {"addressing_style": "path"}
    # Keys keep the fan-out under the prefix; no URL carries a signature.
    assert storage._normalize_name("ab/abcdef.pdf") == "pekanbaru/ab/abcdef.pdf"
    assert "Signature" not in storage.url("ab/abcdef.pdf")


def test_it_leaves_optional_variables_to_boto3(monkeypatch, tmp_path):
    """Only the bucket is needed: keys, region and endpoint then come from boto3's own
    sources (AWS_* variables, an instance role); an empty ACL sends none."""
    config, storage = _private(
        monkeypatch,
        tmp_path,
        PRIVATE_STORAGE="S3",
        PRIVATE_S3_BUCKET="loket-private",
        PRIVATE_S3_DEFAULT_ACL="",
    )
    assert set(config["OPTIONS"]) == {
        "bucket_name",
        "location",
        "default_acl",
        "querystring_auth",
        "file_overwrite",
    }
    assert storage.default_acl is None and storage.location == ""


def test_it_keeps_the_local_folder_by_default(monkeypatch, tmp_path):
    config, storage = _private(monkeypatch, tmp_path)
    assert config == {"BACKEND": "loket.core.storage.PrivateFileSystemStorage"}
    assert isinstance(storage, PrivateFileSystemStorage)
    assert storage.location == str(settings.PRIVATE_MEDIA_ROOT)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"PRIVATE_STORAGE": "s3"}, "PRIVATE_S3_BUCKET"),
        ({"PRIVATE_STORAGE": "ftp"}, "local or s3"),
        (
            {"PRIVATE_STORAGE": "s3", "PRIVATE_S3_BUCKET": "b", "PRIVATE_S3_ACCESS_KEY_ID": "k"},
            "PRIVATE_S3_SECRET_ACCESS_KEY",
        ),
    ],
)
def test_it_refuses_an_incomplete_configuration(monkeypatch, tmp_path, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _private(monkeypatch, tmp_path, **env)
