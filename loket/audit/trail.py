"""Writing to the audit trail: one event per action, chained to the one before it."""

import json

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.audit import chain
from loket.audit.middleware import current_address
from loket.audit.models import GENESIS, AuditEvent, AuditHead
from loket.core.roles import PEMOHON
from loket.lib.nik import mask_nik

SYSTEM = "sistem"
ANONYMOUS = "anonim"

# The trail is read by many and kept for years: identity data stays in its own tables.
PERSONAL_KEYS = frozenset(
    {
        "nik",
        "phone",
        "address",
        "email",
        "fax",
        "name",
        "full_name",
        "birth_date",
        "birth_place",
        "identity",
        "received_by",
        "recipient",
        "password",
        "token",
    }
)


def actor_name(user):
    """How the trail names a user: officers (and staff) by name; a citizen by user id.

    The trail is kept for good, while a citizen's name and NIK (their login) must be
    removable when the retention period ends, so the trail never holds them.
    """
    if user is None:
        return SYSTEM
    if not user.is_authenticated:
        return ANONYMOUS
    if getattr(user, "officer", None) is None and not user.is_staff:
        return f"{PEMOHON} #{user.pk}"
    name = user.get_full_name() or user.get_username()
    return mask_nik(name) if name.isdigit() else name


def _check_summary(data, path=""):
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key).lower() in PERSONAL_KEYS:
                raise ValueError(f"audit summary may not hold personal data: {path}{key}")
            _check_summary(value, f"{path}{key}.")
    elif isinstance(data, list | tuple):
        for item in data:
            _check_summary(item, path)


def _summary(data):
    data = dict(data or {})
    _check_summary(data)
    # Stored exactly as hashed: plain JSON values (dates become strings).
    return json.loads(chain.canonical_json(data))


def _locked_head():
    head = AuditHead.objects.select_for_update().filter(pk=AuditHead.ONE).first()
    if head is not None:
        return head
    # The migration makes the row; a flushed test database has none.
    last = AuditEvent.objects.order_by("-seq").first()
    try:
        with transaction.atomic():
            AuditHead.objects.create(
                pk=AuditHead.ONE,
                seq=last.seq if last else 0,
                hash=last.hash if last else GENESIS,
            )
    except IntegrityError:
        pass
    return AuditHead.objects.select_for_update().get(pk=AuditHead.ONE)


def _object_ref(obj):
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def record(action, *, actor, office, obj=None, role="", data=None):
    """Append an event to the trail inside the caller's transaction.

    `actor` is the user who acted (None: the system, e.g. a background job; an
    anonymous user: a member of the public); `office`
    the office the action belongs to (an Office, its id, or None); `data` a small
    dict of ids and codes (personal data is refused). The address comes from the
    request being served (AuditAddressMiddleware).
    """
    object_type, object_id = _object_ref(obj)
    ip_field = AuditEvent._meta.get_field("ip")
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_name(actor),
        role=role or "",
        office_id=getattr(office, "pk", office),
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=_summary(data),
        ip=ip_field.get_prep_value(current_address()),
    )
    with transaction.atomic():
        head = _locked_head()
        event.seq = head.seq + 1
        event.prev_hash = head.hash
        event.hash = chain.digest(event)
        event.save()
        AuditHead.objects.filter(pk=AuditHead.ONE).update(seq=event.seq, hash=event.hash)
    return event
