"""With the private files in an S3 bucket (PRIVATE_STORAGE=s3), `manage.py backup`
archives the database alone and says so, on stdout and in the manifest, naming the
bucket whose own versioning and replication keep the files; `restore` puts such an
archive's database back and says where the files are expected; an archive that holds
files is refused, not half-restored, where the files belong in a bucket.

Run as an operator does, in processes of their own, on SQLite files of their own (the
archive's database kind does not matter here). The bucket's endpoint is a closed local
port: nothing of this may talk to it."""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile

import pytest
from django.conf import settings

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from loket.testing import file_for, load_sikts, make_applicant
version = load_sikts()
file_for(version, make_applicant(version.service.office))
"""
BUCKET = {
    "PRIVATE_STORAGE": "s3",
    "PRIVATE_S3_BUCKET": "loket-private",
    "PRIVATE_S3_ENDPOINT_URL": "http://127.0.0.1:9",
    "PRIVATE_S3_ACCESS_KEY_ID": "loket",
    "PRIVATE_S3_SECRET_ACCESS_KEY": "rahasia-uji",
}


def _run(env, *args, script=None):
    command = [sys.executable, "-c", script] if script else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300
    )


def _manifest(path):
    with tarfile.open(path, "r:gz") as tar:
        names = tar.getnames()
        return names, json.load(tar.extractfile("manifest.json"))


def _tables(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()


@pytest.fixture
def deployment(tmp_path):
    """An office with one filed application, its files in a local folder; a function
    giving the environment of a process on database ``name`` with ``extra`` settings."""
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and k not in BUCKET}
    base.update(
        DJANGO_SETTINGS_MODULE="loket.permits.tests.process_settings",
        VAR_DIR=str(tmp_path / "var"),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )

    def env(name, **extra):
        return dict(
            base,
            SQLITE_PATH=str(tmp_path / f"{name}.sqlite3"),
            PRIVATE_MEDIA_ROOT=str(tmp_path / name),
            **extra,
        )

    made = _run(env("a"), script=SETUP)
    assert made.returncode == 0, made.stderr
    assert len([p for p in (tmp_path / "a").rglob("*") if p.is_file()]) >= 3
    return env


@pytest.mark.slow
def test_it_backs_up_the_database_and_names_the_bucket(deployment, tmp_path):
    archive = tmp_path / "s3.tar.gz"
    done = _run(deployment("a", **BUCKET), "backup", "--unencrypted", "--output", str(archive))
    assert done.returncode == 0, done.stderr
    assert "NOT in this archive" in done.stdout and "'loket-private'" in done.stdout
    assert "http://127.0.0.1:9" in done.stdout and "versioning" in done.stdout
    names, manifest = _manifest(archive)
    # The local folder still holds files; none of them went in, and none is counted.
    assert sorted(names) == ["database.sqlite3", "manifest.json"]
    assert list(manifest["files"]) == ["database.sqlite3"]
    assert manifest["private_files"] == {
        "in_archive": False,
        "storage": "storages.backends.s3.S3Storage",
        "bucket": "loket-private",
        "endpoint_url": "http://127.0.0.1:9",
    }

    # Restored with the same bucket: the database, and where the files are.
    restored = _run(deployment("b", **BUCKET), "restore", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "counts match" in restored.stdout and "Audit chain intact" in restored.stdout
    assert "not in the archive" in restored.stdout and "'loket-private'" in restored.stdout
    # None of restore's own warnings (what a dependency prints on stderr is not ours).
    for warning in ("did not fill", "not the bucket of the backup", "does not know"):
        assert warning not in restored.stderr

    # Restored onto a local folder (say, the bucket copied down into it): not refused for
    # the files already there, and told that the folder was not filled.
    (tmp_path / "c" / "ab").mkdir(parents=True)
    (tmp_path / "c" / "ab" / "abcdef.pdf").write_bytes(b"%PDF- from the bucket")
    local = _run(deployment("c"), "restore", str(archive))
    assert local.returncode == 0, local.stdout + local.stderr
    assert "counts match" in local.stdout
    assert "did not fill" in local.stderr and str(tmp_path / "c") in local.stderr


@pytest.mark.slow
def test_it_refuses_to_restore_files_where_a_bucket_keeps_them(deployment, tmp_path):
    archive = tmp_path / "local.tar.gz"
    done = _run(deployment("a"), "backup", "--unencrypted", "--output", str(archive))
    assert done.returncode == 0, done.stderr
    _names, manifest = _manifest(archive)
    assert manifest["private_files"] == {"in_archive": True, "storage": "folder"}
    held = len(manifest["files"]) - 1
    assert held >= 3 and f"and {held} private files" in done.stdout

    refused = _run(deployment("d", **BUCKET), "restore", str(archive))
    assert refused.returncode != 0
    assert f"not restored: the archive holds {held} private files" in refused.stderr
    assert "'loket-private'" in refused.stderr and "PRIVATE_STORAGE=local" in refused.stderr
    assert _tables(tmp_path / "d.sqlite3") == []  # nothing was written
