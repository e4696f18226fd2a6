"""`manage.py backup` then `manage.py restore` onto an empty database and an empty
private-files folder gives back every file, document and sealed permit, and the audit
chain; a damaged archive or a database that holds data is refused.

The round trip runs the commands as an operator does, in their own processes: on the
database of `loket.testing_db` (a SQLite file, or the PostgreSQL test database under
DATABASE_URL), restored into a new SQLite file or a new PostgreSQL database.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from loket.ops.sealed import new_key
from loket.permits.models import Application
from loket.testing import file_for, make_applicant
from loket.testing_db import shared_db_env

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from loket.permits import actions
from loket.testing import advance, file_for, load_sikts, make_applicant, make_officers
version = load_sikts()
office = version.service.office
officers = make_officers(office)
advance(file_for(version, make_applicant(office, name="Pemohon Selesai")), officers, 10)
advance(file_for(version, make_applicant(office, name="Pemohon Paraf")), officers, 5)
returned = file_for(version, make_applicant(office, name="Pemohon Kembali"))
actions.return_to_applicant(returned, officers["front_office"], {"ktp": "buram"}, step_no=2)
"""
# What the office holds, as the application finds it: files, documents served to
# their owner, permits checked as genuine on the public page, the audit chain.
INVENTORY = """
import hashlib, json, django; django.setup()
from django.test import Client
from loket.audit.models import AuditEvent
from loket.audit.verify import verify_chain
from loket.permits.issuance import check_upload
from loket.permits.models import Application, Permit
from loket.core.storage import read_private

def sha(data):
    return hashlib.sha256(data).hexdigest() if data is not None else None

def read(name):
    try:
        return read_private(name)
    except FileNotFoundError:
        return None

# Read before the logins below, which go on the trail too.
report = verify_chain()
events = list(AuditEvent.objects.order_by("seq").values_list("action", "hash"))
files = {}
for a in Application.objects.select_related("applicant__user").order_by("reg_number"):
    owner = Client()
    owner.force_login(a.applicant.user)
    documents = []
    for d in a.documents.order_by("requirement", "round"):
        served = owner.get(f"/api/v1/permits/documents/{d.pk}")
        body = b"".join(served.streaming_content) if served.status_code == 200 else None
        documents.append([d.requirement, d.round, d.stored_name, d.sha256, sha(read(d.stored_name)),
                          sha(body)])
    permit = Permit.objects.filter(application=a).first()
    sealed = None
    if permit is not None:
        data = read(permit.stored_name)
        sealed = {
            "number": permit.number,
            "stored_name": permit.stored_name,
            "sha256": permit.sha256,
            "genuine": data is not None and check_upload(permit, data)["genuine"],
            "public_page": Client().get(f"/v/{permit.verify_code}").status_code,
        }
    files[a.reg_number] = {
        "status": a.status,
        "step": a.current_step,
        "card": a.card_entries.count(),
        "drafts": [[d.stored_name, d.sha256, sha(read(d.stored_name))] for d in a.drafts.all()],
        "documents": documents,
        "permit": sealed,
    }
print(json.dumps({
    "files": files,
    "audit": {"ok": report.ok, "checked": report.checked, "events": events},
}))
"""


def _run(env, *args, script=None):
    command = [sys.executable, "-c", script] if script else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300
    )


def _inventory(env):
    done = _run(env, script=INVENTORY)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def new_database(tmp_path):
    """Settings for a database that does not exist yet: a new SQLite file, or a new
    PostgreSQL database (dropped afterwards)."""
    if connection.vendor != "postgresql":
        yield {"SQLITE_PATH": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(os.environ["DATABASE_URL"])
    yield {"DATABASE_URL": urlunsplit(url._replace(path=f"/{name}"))}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_restores_every_file_document_and_permit(tmp_path, demo_pki, new_database):
    """Three files (one collected with its sealed permit, one at the initials, one
    returned) are backed up, restored onto an empty database and an empty folder, and
    found again: same documents byte for byte, served to their owner; the permit still
    verifies as genuine; the audit chain intact and continued by the restore's event."""
    common = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="loket.permits.tests.process_settings",
        VAR_DIR=str(tmp_path / "var"),
        SIGNING_TRUST_ROOTS=str(demo_pki.ca_cert_path),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        # Encrypted, as by default: the restore opens it with the same operator's key.
        BACKUP_KEY=new_key(),
    )
    office_a = dict(common, **shared_db_env(tmp_path), PRIVATE_MEDIA_ROOT=str(tmp_path / "a"))
    office_b = dict(common, **new_database, PRIVATE_MEDIA_ROOT=str(tmp_path / "b"))
    made = _run(office_a, script=SETUP)
    assert made.returncode == 0, made.stderr
    before = _inventory(office_a)

    archive = tmp_path / "backups" / "loket.tar.gz.enc"
    backed_up = _run(office_a, "backup", "--output", str(archive))
    assert backed_up.returncode == 0, backed_up.stderr
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds personal data

    restored = _run(office_b, "restore", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "counts match" in restored.stdout
    after = _inventory(office_b)

    assert sorted(after["files"]) == sorted(before["files"]) and len(before["files"]) == 3
    assert after["files"] == before["files"]
    statuses = sorted(f["status"] for f in after["files"].values())
    assert statuses == ["collected", "processing", "returned"]
    for reg, found in after["files"].items():
        for requirement, _round, stored, recorded, on_disk, served in found["documents"]:
            assert recorded == on_disk == served, (reg, requirement)
            original = (tmp_path / "a" / stored[:2] / stored).read_bytes()
            assert (tmp_path / "b" / stored[:2] / stored).read_bytes() == original
        for _stored, recorded, on_disk in found["drafts"]:
            assert recorded == on_disk
    [permit] = [f["permit"] for f in after["files"].values() if f["permit"]]
    assert permit["genuine"] is True and permit["public_page"] == 200
    stored = permit["stored_name"]
    assert (tmp_path / "b" / stored[:2] / stored).read_bytes() == (
        tmp_path / "a" / stored[:2] / stored
    ).read_bytes()

    # The restored chain is the original one, plus the record of the restore.
    # (The inventory's own logins come after `before` and before the backup.)
    assert before["audit"]["ok"] and after["audit"]["ok"]
    original = before["audit"]["events"]
    assert len(original) > 20
    assert after["audit"]["events"][: len(original)] == original
    assert after["audit"]["events"][-1][0] == "ops.restore"

    # Over an office that holds data (refused without --force: the next test), --force
    # replaces it all again: every table's rows as counted at the backup.
    forced = _run(office_b, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert "counts match" in forced.stdout and "Audit chain intact" in forced.stdout


def _damaged_copy(source, target):
    """The archive with one byte of one private file flipped, manifest unchanged."""
    with tarfile.open(source, "r:gz") as src, tarfile.open(target, "w:gz") as out:
        flipped = False
        for info in src.getmembers():
            data = src.extractfile(info).read()
            if info.name.startswith("media/") and not flipped:
                data = data[:-1] + bytes([data[-1] ^ 1])
                flipped = True
            out.addfile(info, io.BytesIO(data))
    assert flipped


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_damaged_archive_and_a_database_holding_data(
    sikts, applicant, tmp_path, settings
):
    """Without --force a database with data is never overwritten; a damaged archive is
    refused even with --force, before anything is written."""
    first = file_for(sikts, applicant)
    archive = tmp_path / "loket.tar.gz"
    call_command("backup", output=str(archive), unencrypted=True, stdout=io.StringIO())
    later = file_for(sikts, make_applicant(sikts.service.office, name="Pemohon Baru"))

    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    _damaged_copy(archive, damaged)
    with pytest.raises(CommandError, match="does not match the manifest"):
        call_command("restore", str(damaged), force=True, stdout=io.StringIO())
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="restore failed"):
        call_command("restore", str(truncated), force=True, stdout=io.StringIO())

    # Nothing was written: the file filed after the backup is still there.
    assert set(Application.objects.values_list("pk", flat=True)) == {first.pk, later.pk}
