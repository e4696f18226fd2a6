"""The hash of an audit event: SHA-256 over a canonical JSON of its fields.

Canonical means one spelling for one content: sorted keys, no spaces, UTC times with
microseconds, so the digest computed when writing is the digest recomputed from what
the database gives back (PostgreSQL's jsonb reorders keys; that does not matter here).
"""

import datetime as dt
import hashlib
import json

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


def digest(event, seq=None):
    return hashlib.sha256(canonical_json(fields_of(event, seq)).encode()).hexdigest()
