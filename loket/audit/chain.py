"""The hash of an audit event: HMAC-SHA256, under settings.AUDIT_KEY, over a canonical
JSON of its fields.

The key lives outside the database (an environment variable), so whoever can write the
database can still not recompute a chain that verifies: editing an entry and then every
hash after it leaves hashes no one with the key would have written. Trails written
before the key (plain SHA-256) are re-keyed once by `manage.py rekey_audit`.

Canonical means one spelling for one content: sorted keys, no spaces, UTC times with
microseconds, so the digest computed when writing is the digest recomputed from what
the database gives back (PostgreSQL's jsonb reorders keys; that does not matter here).
"""

import datetime as dt
import hashlib
import hmac
import json

from django.conf import settings

HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "role",
    "office_id",
    "action",
    "object_type",
    "object_id",
    "summary",
    "ip",
    "prev_hash",
)


def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _utc(at):
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def fields_of(event, seq=None):
    """The hashed fields of an event; `seq` replaces its number (to recognise a moved row)."""
    values = {name: getattr(event, name) for name in HASHED_FIELDS}
    values["at"] = _utc(event.at)
    if seq is not None:
        values["seq"] = seq
    return values


def key():
    return str(settings.AUDIT_KEY).encode()


def digest(event, seq=None, under=None):
    """The event's hash; `under` another key (bytes) than AUDIT_KEY (re-keying)."""
    message = canonical_json(fields_of(event, seq)).encode()
    return hmac.new(under or key(), message, hashlib.sha256).hexdigest()


def unkeyed_digest(event):
    """The hash trails had before AUDIT_KEY: plain SHA-256 (read only by re-keying)."""
    return hashlib.sha256(canonical_json(fields_of(event)).encode()).hexdigest()


def sign(values):
    """The HMAC of a small dict (an anchor line) under AUDIT_KEY."""
    return hmac.new(key(), canonical_json(values).encode(), hashlib.sha256).hexdigest()
