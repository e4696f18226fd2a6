"""Backups encrypted under a key the operator holds (BACKUP_KEY or BACKUP_KEY_FILE).

A backup holds every NIK, phone number and document of the office: it leaves the
server (another disk, another building), so it is encrypted, and a restore needs the
key. The key is 32 random bytes, base64 (`manage.py backup --new-key` prints one); it
is kept apart from the backups and from the database.

The format follows age's STREAM construction, from the `cryptography` package's
AES-256-GCM: a header (magic, a random 16-byte salt), then the archive in 64 KiB
chunks, each sealed under a key derived (HKDF-SHA256) from BACKUP_KEY and the salt,
with a nonce of the chunk's number and a last-chunk flag. A changed, reordered,
dropped or appended chunk, or a cut-off end, fails to open: nothing is restored.
"""

import base64
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

MAGIC = b"LOKET-BACKUP-AESGCM-1\n"
CHUNK = 64 * 1024
TAG = 16


class KeyMissing(Exception):
    """No BACKUP_KEY / BACKUP_KEY_FILE, or not a 32-byte base64 key."""


class Unopenable(Exception):
    """The archive does not open under this key (wrong key, or changed)."""


def new_key():
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def operator_key():
    """The key from BACKUP_KEY, else from the file BACKUP_KEY_FILE."""
    text = str(getattr(settings, "BACKUP_KEY", "") or "").strip()
    path = str(getattr(settings, "BACKUP_KEY_FILE", "") or "").strip()
    if not text and path:
        try:
            text = Path(path).read_text().strip()
        except OSError as exc:
            raise KeyMissing(f"cannot read BACKUP_KEY_FILE {path}: {exc}") from exc
    if not text:
        raise KeyMissing("set BACKUP_KEY or BACKUP_KEY_FILE (`manage.py backup --new-key`)")
    try:
        key = base64.urlsafe_b64decode(text.encode())
    except ValueError as exc:
        raise KeyMissing("BACKUP_KEY is not base64") from exc
    if len(key) != 32:
        raise KeyMissing("BACKUP_KEY must be 32 bytes (base64)")
    return key


def _file_key(key, salt):
    return HKDF(hashes.SHA256(), 32, salt, b"loket backup").derive(key)


def _nonce(counter, last):
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def is_sealed(path):
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def seal(source, target, key):
    """Encrypt the file `source` into `target`."""
    salt = os.urandom(16)
    aead = AESGCM(_file_key(key, salt))
    # Readable by the operator only, like the plain archive: it is still the office's data.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(source, "rb") as src, open(fd, "wb") as out:
        out.write(MAGIC + salt)
        counter, chunk = 0, src.read(CHUNK)
        while True:
            following = src.read(CHUNK)
            last = not following
            out.write(aead.encrypt(_nonce(counter, last), chunk, None))
            if last:
                break
            counter, chunk = counter + 1, following
        out.flush()
        os.fsync(out.fileno())


def unseal(source, target, key):
    """Decrypt `source` into `target`; Unopenable if any chunk fails (target removed)."""
    try:
        with open(source, "rb") as src, open(target, "wb") as out:
            if src.read(len(MAGIC)) != MAGIC:
                raise Unopenable("not an encrypted Loket backup")
            aead = AESGCM(_file_key(key, src.read(16)))
            counter, block = 0, src.read(CHUNK + TAG)
            while True:
                following = src.read(CHUNK + TAG)
                last = not following
                try:
                    out.write(aead.decrypt(_nonce(counter, last), block, None))
                except InvalidTag as exc:
                    raise Unopenable(
                        "the archive does not open with this BACKUP_KEY (wrong key, or the "
                        "file was changed or cut short)"
                    ) from exc
                if last:
                    break
                counter, block = counter + 1, following
    except Unopenable:
        Path(target).unlink(missing_ok=True)
        raise
