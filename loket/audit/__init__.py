"""The audit trail: who did what, as whom, for which office, to which object, from where.

Every write action calls :func:`record` inside its own transaction, so an action and
its audit event commit together or not at all. Events form a hash chain
(``manage.py verify_audit`` walks it).
"""


def record(action, *, actor, office, obj=None, role="", data=None):
    """Write one audit event in the current transaction (see loket.audit.trail.record)."""
    from loket.audit.trail import record as write

    return write(action, actor=actor, office=office, obj=obj, role=role, data=data)


_reads = set()


def register_reads(*actions):
    """Declare ``actions`` as reads on the record: someone signed in, downloaded their
    own data, or an API client read personal data. The law or our policy wants them on
    the trail, but they change nothing a page or report shows; checks that a GET never
    writes, or that a refused call acted on nothing, set them aside (each app declares
    its own in its AppConfig.ready)."""
    _reads.update(actions)


def read_actions():
    """Every action declared with :func:`register_reads`."""
    return frozenset(_reads)


class _Public:
    """The actor of an action by a member of the public who is not signed in."""

    is_authenticated = False
    pk = None


PUBLIC = _Public()
