"""The audit trail: who did what, as whom, for which office, to which object, from where.

Every write action calls :func:`record` inside its own transaction, so an action and
its audit event commit together or not at all. Events form a hash chain
(``manage.py verify_audit`` walks it).
"""


def record(action, *, actor, office, obj=None, role="", data=None):
    """Write one audit event in the current transaction (see loket.audit.trail.record)."""
    from loket.audit.trail import record as write

    return write(action, actor=actor, office=office, obj=obj, role=role, data=data)


class _Public:
    """The actor of an action by a member of the public who is not signed in."""

    is_authenticated = False
    pk = None


PUBLIC = _Public()
