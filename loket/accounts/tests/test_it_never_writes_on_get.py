"""Reading never writes: every page and API operation, requested with GET by every
kind of caller (anonymous, the applicant who owns the records, another applicant,
each officer role of the office and of another office), leaves the row count of every
table as it was.

The records, the callers and the URL examples are those of the permission-table test
(every URL name and every API operation is walked there too). Excluded: the session
tables (a visit may start one), and the audit trail's records of reads the law wants
on the record: sign-ins (none happen here: the clients sign in before the walk) and
an applicant's download of their own personal data (UU 27/2022: who took a copy of
it, and when), and an API client's calls (who read what over the API, under the
client's name). A row added by a GET, or one it deleted, fails with the URL, the caller
and the table.
"""

from django.db import connection
from django.test import Client
from django.urls import reverse

from loket.accounts import permissions as table
from loket.accounts.tests import test_it_enforces_the_permission_table as permission_table
from loket.audit import read_actions
from loket.audit.models import AuditEvent
from loket.surveys.models import SurveyInvitation
from loket.surveys.tests.helpers import add_responses

# The permission-table test's records and callers (fixtures), and its URL examples.
world = permission_table.world
callers = permission_table.callers
html_kwargs = permission_table.html_kwargs
api_params = permission_table.api_params
url_patterns = permission_table.url_patterns
read_body = permission_table.read_body

NOT_COUNTED = {"django_session", "accounts_usersession"}
# Audit events that record a read, not a write (each app declares its own).
READS_ON_RECORD = tuple(sorted(read_actions()))


def _tables():
    return sorted(t for t in connection.introspection.table_names() if t not in NOT_COUNTED)


def _counts(tables):
    """Every table's row count, in one query."""
    quote = connection.ops.quote_name
    reads = ", ".join(["%s"] * len(READS_ON_RECORD))

    def count(name):
        if name == AuditEvent._meta.db_table:
            return f"(SELECT COUNT(*) FROM {quote(name)} WHERE action NOT IN ({reads}))"
        return f"(SELECT COUNT(*) FROM {quote(name)})"

    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(count(t) for t in tables), READS_ON_RECORD)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _post_only(rule):
    rules = rule.rules.values() if isinstance(rule, table.Cases) else [rule]
    return all(r.post_only for r in rules)


def _get_urls(world):
    examples = html_kwargs(world)
    for name, pattern in url_patterns():
        if not name or name not in table.URLS or _post_only(table.URLS[name]):
            continue
        kwargs = examples.get(name, {})
        if set(kwargs) != set(pattern.pattern.converters):
            continue  # the permission-table test reports a URL without examples
        yield name, reverse(name, kwargs=kwargs), {}
    schema = Client().get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        values = api_params(world, path)
        params = operation.get("parameters", [])
        in_path = {p["name"]: values[p["name"]] for p in params if p["in"] == "path"}
        query = {
            p["name"]: values[p["name"]] for p in params if p["in"] == "query" and p.get("required")
        }
        yield f"GET {path}", path.format(**in_path), query


def test_it_writes_nothing_on_any_get_by_anyone(world, callers):
    """Every GET of every page and operation, by every kind of caller: no row added
    or removed in any table."""
    # What a GET used to write: a finished file without a survey invitation (the
    # applicant's survey page made one), weak survey results without a follow-up plan
    # (the SKM report opened one), and a permit ready for online collection (the
    # applicant's download collected it).
    SurveyInvitation.objects.filter(application=world.proxied).delete()
    add_responses(world.service, 10, {"u3": 2})
    assert world.ready.permit.collected_at is None
    tables = _tables()
    clients = []
    for caller in callers:
        client = Client(raise_request_exception=False)
        if caller.user is not None:
            client.force_login(caller.user)
        clients.append((caller, client))
    urls = list(_get_urls(world))
    readable = {n for n, rule in table.URLS.items() if not _post_only(rule)}
    readable |= {f"GET {path}" for method, path in table.API if method == "get"}
    assert {label for label, _url, _query in urls} == readable  # all of them, not a handful
    changes = []
    before = _counts(tables)
    for label, url, query in urls:
        for caller, client in clients:
            read_body(client.get(url, query))
            after = _counts(tables)
            changed = {t: (before[t], after[t]) for t in tables if before[t] != after[t]}
            if changed:
                changes.append(f"GET {label} as {caller.name}: {changed}")
                before = after
    assert not changes, "\n" + "\n".join(changes)
