"""`manage.py backup` encrypts the archive under the operator's key (BACKUP_KEY or
BACKUP_KEY_FILE) and refuses to write a plain one unless told; `restore` needs the
same key, and refuses a wrong key or a changed or cut-short archive before writing."""

import io
import tarfile

import pytest
from django.core.management import CommandError, call_command

from loket.ops import archive as archives
from loket.ops.sealed import CHUNK, MAGIC, TAG, Unopenable, new_key, seal, unseal
from loket.permits.models import Application
from loket.testing import file_for


@pytest.fixture
def backed_up(sikts, applicant, tmp_path, settings):
    settings.BACKUP_KEY = new_key()
    file_for(sikts, applicant)
    path = tmp_path / "loket.tar.gz.enc"
    call_command("backup", output=str(path), stdout=io.StringIO())
    return path


@pytest.mark.django_db(transaction=True)
def test_the_archive_is_encrypted_and_opens_with_the_key(backed_up, tmp_path, settings):
    """No tar, no gzip, no SQLite page in the file; with the key it is the whole,
    verifiable archive."""
    data = backed_up.read_bytes()
    assert data.startswith(MAGIC) and b"SQLite format" not in data and b"\x1f\x8b" != data[:2]
    assert oct(backed_up.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(tarfile.ReadError):
        tarfile.open(backed_up)
    plain = tmp_path / "plain.tar.gz"
    from loket.ops.sealed import operator_key

    unseal(backed_up, plain, operator_key())
    assert archives.verify(plain)["counts"]


@pytest.mark.django_db(transaction=True)
def test_restore_needs_the_right_key(backed_up, settings):
    """Without a key, or with another key, nothing is restored; with the key the
    archive opens (and the usual checks follow: this database is not empty)."""
    right = settings.BACKUP_KEY
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match="encrypted.*BACKUP_KEY"):
        call_command("restore", str(backed_up), force=True, stdout=io.StringIO())
    settings.BACKUP_KEY = new_key()
    with pytest.raises(CommandError, match="does not open with this BACKUP_KEY"):
        call_command("restore", str(backed_up), force=True, stdout=io.StringIO())
    settings.BACKUP_KEY = right
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backed_up), stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_changed_or_cut_archive_does_not_open(backed_up, tmp_path):
    """One flipped byte, or the end cut off: refused, and nothing written."""
    before = set(Application.objects.values_list("pk", flat=True))
    data = bytearray(backed_up.read_bytes())
    flipped = tmp_path / "flipped.enc"
    data[len(MAGIC) + 40] ^= 1
    flipped.write_bytes(bytes(data))
    cut = tmp_path / "cut.enc"
    cut.write_bytes(backed_up.read_bytes()[:-100])
    for damaged in (flipped, cut):
        with pytest.raises(CommandError, match="does not open"):
            call_command("restore", str(damaged), force=True, stdout=io.StringIO())
    assert set(Application.objects.values_list("pk", flat=True)) == before


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_plain_backup_unless_told(tmp_path, settings):
    """No key: refused, saying how to make one; --unencrypted writes the plain tar.gz."""
    settings.BACKUP_KEY = settings.BACKUP_KEY_FILE = ""
    with pytest.raises(CommandError, match="BACKUP_KEY"):
        call_command("backup", output=str(tmp_path / "x.tar.gz"), stdout=io.StringIO())
    assert not (tmp_path / "x.tar.gz").exists()
    key_file = tmp_path / "backup.key"
    key_file.write_text(new_key())
    settings.BACKUP_KEY_FILE = str(key_file)
    call_command("backup", output=str(tmp_path / "y.enc"), stdout=io.StringIO())
    assert (tmp_path / "y.enc").read_bytes().startswith(MAGIC)


def test_an_archive_cut_at_a_chunk_boundary_does_not_open(tmp_path):
    """Three chunks sealed; dropping the last whole chunk leaves a file whose new last
    chunk was not sealed as the last: it does not open."""
    import base64
    import os

    key = base64.urlsafe_b64decode(new_key())
    plain = tmp_path / "plain"
    plain.write_bytes(os.urandom(CHUNK * 2 + 100))
    sealed = tmp_path / "sealed"
    seal(plain, sealed, key)
    opened = tmp_path / "opened"
    unseal(sealed, opened, key)
    assert opened.read_bytes() == plain.read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(sealed.read_bytes()[: len(MAGIC) + 16 + 2 * (CHUNK + TAG)])
    with pytest.raises(Unopenable):
        unseal(cut, tmp_path / "never", key)
    assert not (tmp_path / "never").exists()
