"""Every URL and API operation answers each kind of caller as the permission table says.

Generated from the URL resolver and /api/v1/openapi.json: each URL pattern and each API
operation is requested (GET; and POST with an empty or minimal body where the table
lets anyone POST) by: an anonymous visitor; applicant A, who owns every object the
paths name; applicant B; each officer role of A's office; each officer role of a
second office; and an API client of A's office holding each scope in turn (with a
bearer token). Path parameters are real ids of A's records.

An API client is allowed an operation when its scope is the one the operation's
security names and the rule allows an officer holding the roles the scope lends; on an
operation whose security names another scope it is refused, even a public one (a token
is never silently ignored); on pages and operations no token may call, it is anonymous.

- Allowed: a GET answers what the rule says (a page, or a redirect); a POST gets past
  the permission checks (no 401/403/404).
- Refused: 401, 403, 404, a redirect to the login page, or (a POST) a redirect back
  with an error message or a 422 for input checked first; never 2xx, never the
  object's data, and nothing written (no audit event).
- Nobody ever gets a 5xx.
- A caller outside the object's office or ownership gets the same answer for the real
  id as for an id that does not exist (ASVS 8.2.2: ids cannot be probed).
- A URL name or an API operation missing from the table fails the test.

Each request runs in a savepoint that is rolled back, so every caller meets the same
records in the same state.
"""

import copy
import datetime as dt
import json
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from loket.accounts import permissions as table
from loket.apiclients.actions import create_client
from loket.apiclients.scopes import SCOPES, roles_for
from loket.apiclients.tokens import issue
from loket.audit import read_actions
from loket.audit.models import AuditEvent
from loket.complaints import actions as complaint_actions
from loket.complaints.models import INTERNET
from loket.core.roles import OFFICER_ROLES
from loket.notify.models import Outbox
from loket.permits import actions as permit_actions
from loket.permits.actions import Upload
from loket.permits.messages import about_file
from loket.surveys.actions import create_invitation
from loket.surveys.models import FollowUpItem, KioskDevice, SurveyResponse
from loket.testing import (
    MINIMAL_PDF,
    SIKTS_YAML,
    advance,
    ensure_signing_certificate,
    file_for,
    jpeg_bytes,
    load_sikts,
    make_applicant,
    make_officers,
)

MISSING_ID = 987654321
OTHER = "office: dpmptsp-dumai"
REFUSED = {401, 403, 404}
POST_REFUSED = REFUSED | {422}
POST_ALLOWED_NOT = {401, 403, 404, 405}


@dataclass
class Caller:
    name: str
    user: object = None
    office: object = None
    stranger: bool = False  # neither the owner nor an officer of the objects' office
    token: str = ""  # an API client's bearer token
    scope: str = ""  # ...and the one scope it holds

    @property
    def role(self):
        return self.name.split(":")[-1]


@dataclass
class World:
    office: object
    service: object
    owner: object
    ready: object  # at step 9: numbered, sealed, not collected
    initial: object  # at step 5 (an initial)
    signing: object  # at step 7: the Kepala Dinas's own signature
    returned: object  # returned to the applicant at step 2
    proxied: object  # collected by a proxy: closed, with a power of attorney
    document: object
    complaint: object  # heavy, coordinated, ready to be answered; with an attachment
    answered: object  # answered and closed
    attachment: object
    report: object
    follow_up: object
    outbox: object
    letter: object
    token: str
    kiosk: object
    held: object  # a kiosk's response held for review (a burst)

    def owner_of(self, kind):
        unowned = ("report", "follow_up", "outbox", "letter", "kiosk", "survey_response")
        return None if kind in unowned else self.owner.user_id


def _complaint(office, owner, weight, officers):
    complaint = complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(
            description="Antrean di loket terlalu lama.",
            name=owner.full_name,
            uploads=[complaint_actions.Upload(name="foto.jpg", data=jpeg_bytes())],
        ),
        channel=INTERNET,
        user=owner.user,
    )
    handler = officers["pengelola_pengaduan"]
    complaint = complaint_actions.weigh(complaint, handler, weight, "uji")
    if weight == "berat":
        complaint = complaint_actions.coordinate(
            complaint,
            officers["kepala_dinas"],
            "Hasil koordinasi.",
            partner="sekda",
            partner_name="Sekretaris Daerah",
            coordinated_on=dt.date(2026, 3, 2),
        )
    return complaint


@pytest.fixture
def world(sikts, officers):
    office = sikts.service.office
    owner = make_applicant(office)
    ready = advance(file_for(sikts, owner), officers, 9)
    initial = advance(file_for(sikts, owner), officers, 5)
    ensure_signing_certificate(officers["kepala_dinas"])
    signing = advance(file_for(sikts, owner), officers, 7)
    returned = permit_actions.return_to_applicant(
        file_for(sikts, owner), officers["front_office"], {"ktp": "buram"}, step_no=2
    )
    proxied = advance(file_for(sikts, owner), officers, 9)
    proxied = permit_actions.complete_step(
        proxied,
        officers["front_office"],
        9,
        received_by="Orang Lain",
        proxy=Upload(requirement="surat_kuasa", name="kuasa.pdf", data=MINIMAL_PDF),
    )
    complaint = _complaint(office, owner, "berat", officers)
    answered = _complaint(office, owner, "ringan", officers)
    answered = complaint_actions.answer(answered, officers["pengelola_pengaduan"], "Jawaban.")
    now = timezone.localtime()
    report = complaint_actions.compile_report(
        office, officers["pengelola_pengaduan"], now.year, now.month
    )
    follow_up = FollowUpItem.objects.create(
        office=office,
        service=sikts.service,
        period_key=str(now.year),
        element="U1",
        nrr="2.100",
        mutu="C",
        problem="Persyaratan kurang jelas.",
        opened_at=timezone.now(),
    )
    outbox = Outbox.objects.filter(about=about_file(ready.pk)).first()
    Outbox.objects.filter(pk=outbox.pk).update(status=Outbox.FAILED, attempts=5)
    from loket.permits.issuance import send_uncollected_letters

    (letter,) = [
        letter
        for letter in send_uncollected_letters(today=timezone.localdate() + dt.timedelta(days=70))
        if letter.subject == f"permits.permit:{ready.permit.pk}"
    ]
    kiosk = KioskDevice.objects.create(
        office=office, name="Kios", token_hash="0" * 64, registered_at=timezone.now()
    )
    return World(
        office=office,
        service=sikts.service,
        owner=owner,
        ready=ready,
        initial=initial,
        signing=signing,
        returned=returned,
        proxied=proxied,
        document=ready.documents.first(),
        complaint=complaint,
        answered=answered,
        attachment=complaint.attachments.first(),
        report=report,
        follow_up=follow_up,
        outbox=outbox,
        letter=letter,
        token=create_invitation(ready).token,
        kiosk=kiosk,
        held=SurveyResponse.objects.create(
            office=office,
            service=sikts.service,
            channel=SurveyResponse.KIOSK,
            device=kiosk,
            held=SurveyResponse.BURST,
            submitted_at=timezone.now(),
            u1=4,
            age=30,
            sex="P",
            education="s1",
            occupation="swasta",
        ),
    )


@pytest.fixture
def callers(world, officers):
    # The second office publishes the same service, so its officers have work of their own.
    other = load_sikts(SIKTS_YAML.read_text().replace("office: dpmptsp-pekanbaru", OTHER))
    other_office = other.service.office
    strangers = make_officers(other_office, prefix="x")
    people = [
        Caller("anonymous", stranger=True),
        Caller("owner", world.owner.user),
        Caller("other-applicant", make_applicant(world.office, name="Budi").user, stranger=True),
    ]
    people += [Caller(f"office:{r}", officers[r], world.office) for r in OFFICER_ROLES]
    people += [
        Caller(f"other-office:{r}", strangers[r], other_office, stranger=True)
        for r in OFFICER_ROLES
    ]
    for scope in SCOPES:
        api_client, _secret = create_client(world.office, f"Sistem {scope}", [scope], by=None)
        people.append(Caller(f"api-client:{scope}", token=issue(api_client, [scope]), scope=scope))
        people[-1].user = _client_as_officer(api_client, scope)
    return people


def _client_as_officer(api_client, scope):
    """The client's account as the table sees it: an officer with the scope's roles."""
    user = api_client.acting_user()
    user._loket_roles = roles_for([scope])
    return user


def _allows(caller, who, scopes=None, **obj):
    """Does the rule let this caller in? `scopes`: those an API operation accepts (None
    for a page, where a token counts for nothing)."""
    if caller.token:
        if not scopes:  # a page, or an operation no token may call: anonymous
            return table.allows(who, None, **obj)
        if caller.scope not in scopes:  # a token is never ignored: without the scope, 403
            return False
        return table.allows(who, caller.user, **obj)
    return table.allows(who, caller.user, **obj)


# --- which object each path parameter names ------------------------------------------


def html_kwargs(world):
    app, office, code = world.ready.pk, world.office.code, world.service.code
    return (
        {
            "standards:detail": {"office": office, "code": code},
            "standards:pdf": {"office": office, "code": code},
            "permits:apply": {"service_id": world.service.pk},
            "permits:resubmit": {"pk": world.returned.pk},
            "permits:document": {"pk": world.document.pk},
            "verify": {"code": world.ready.permit.verify_code},
            "issuance:proxy_document": {"pk": world.proxied.pk},
            "issuance:redraft": {"pk": world.initial.pk},
            "issuance:sign": {"pk": world.signing.pk},
            "issuance:document_to_sign": {"pk": world.signing.pk},
            "issuance:request_code": {"pk": world.signing.pk},
            "complaints:letter_pdf": {"pk": world.answered.pk},
            "complaints:attachment": {"pk": world.attachment.pk},
            "complaints:report": {"pk": world.report.pk},
            "complaints:report_action": {"pk": world.report.pk, "what": "submit"},
            "complaints:report_file": {"pk": world.report.pk, "number": 1, "fmt": "pdf"},
            "surveys:invited": {"token": world.token},
            "surveys:fill": {"office": office, "code": code},
            "surveys:kiosk": {"office": office, "code": code},
            "surveys:qr": {"office": office, "code": code},
            "surveys:follow_up": {"pk": world.follow_up.pk},
            "surveys:approve": {"pk": world.follow_up.pk},
            "surveys:revoke_kiosk": {"pk": world.kiosk.pk},
            "surveys:accept_held": {"pk": world.held.pk},
            "notify:retry": {"pk": world.outbox.pk},
            "notify:letter_pdf": {"pk": world.letter.pk},
            "notify:letter_sent": {"pk": world.letter.pk},
            "reports:dashboard_export": {"slug": "semua", "fmt": "xlsx"},
            "reports:supervision_export": {"slug": "semua", "fmt": "xlsx"},
            "reports:performance_export": {"slug": "semua", "fmt": "xlsx"},
            "reports:card": {"pk": app},
        }
        | {
            name: {"pk": app}
            for name in (
                "permits:detail",
                "permits:receipt",
                "permits:receipt_pdf",
                "permits:card_pdf",
                "permits:draft_pdf",
                "permits:receive",
                "permits:complete",
                "permits:return",
                "issuance:signed_pdf",
                "issuance:collect",
                "issuance:received",
                "issuance:revoke",
                "accounts:correct_identity",
            )
        }
        | {
            name: {"pk": world.complaint.pk}
            for name in (
                "complaints:detail",
                "complaints:weigh",
                "complaints:coordinate",
                "complaints:answer",
                "complaints:deliver",
            )
        }
    )


def api_params(world, path):
    """Path and query values for an API operation, by parameter name."""
    code = world.service.code
    if "/issuance/verify/" in path:
        code = world.ready.permit.verify_code
    elif "/open311/" in path:
        code = "persyaratan"
    signing = path.endswith("/to-sign") or path.endswith("/sign")
    return (
        {
            "application_id": world.signing.pk if signing else world.ready.pk,
            "document_id": world.document.pk,
            "complaint_id": world.complaint.pk,
            "report_id": world.report.pk,
            "what": "submit",
            "pk": world.letter.pk if "/letters/" in path else world.outbox.pk,
            "office": world.office.code,
            "code": code,
            "request_id": world.complaint.ticket,
            "reg": world.ready.reg_number,
            "ticket": world.complaint.ticket,
            "format": "json",
        }
        | ({"code": world.ready.tracking_code} if path.endswith("/permits/track") else {})
        | ({"code": world.complaint.tracking_code} if path.endswith("/complaints/track") else {})
    )


def _object_of(world, kind, kwargs):
    """The object a rule's path names: (its office, its owner's user id, its step role)."""
    if kind is None:
        return None, None, None
    if kind == "application":
        pk = kwargs.get("pk") or kwargs.get("application_id")
        application = next(
            a
            for a in (world.ready, world.initial, world.signing, world.returned, world.proxied)
            if a.pk == pk
        )
        step_role = application.step.role if application.is_open else None
        return world.office, world.owner.user_id, step_role
    return world.office, world.owner_of(kind), None


# --- the walk ------------------------------------------------------------------------


def url_patterns(resolver=None, namespace=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from url_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name or ''}" if namespace else entry.name
            yield name, entry


def _secrets(world):
    applicant = world.owner
    return [
        applicant.nik,
        world.ready.tracking_code,
        world.complaint.tracking_code,
        world.token,
    ]


def read_body(response):
    # Reading a streamed body to its end closes it (the test client wraps it so that
    # closing keeps the test's database connection; response.close() here would not).
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    return data.decode("utf-8", "replace")


def _request(client, method, url, data=None, content_type=None, query=None):
    """One request in a rolled-back savepoint; (status, location, body, wrote)."""
    cache.clear()  # rate-limit counters: every request is someone's first
    cookies = copy.deepcopy(client.cookies)  # a logout or language switch is undone too
    # An API client's call is on the trail whatever its outcome, as are other reads on
    # the record (loket.audit.register_reads); actions are the rest.
    actions = AuditEvent.objects.exclude(action__in=read_actions())
    with transaction.atomic():
        before = actions.count()
        if method == "get":
            response = client.get(url, query or {})
        elif content_type:
            response = client.post(url, data, content_type=content_type)
        else:
            response = client.post(url, data or {})
        wrote = actions.count() != before
        body = read_body(response)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code, response.get("Location", ""), body, wrote


def _is_login(location):
    return location.startswith(reverse("login")) or "/masuk/" in location


def _judge(label, caller, method, rule, allowed, outcome, secrets, failures):
    status, location, body, wrote = outcome
    where = f"{method.upper()} {label} as {caller.name}: {status}"
    if status >= 500:
        failures.append(f"{where} (server error)")
        return
    if method == "get" and rule.post_only:
        if status not in {405} | REFUSED and not (status == 302 and _is_login(location)):
            failures.append(f"{where} (a POST-only endpoint answered a GET)")
    elif allowed and method == "get":
        if status not in rule.get_ok:
            failures.append(f"{where} (allowed: expected {rule.get_ok})")
    elif allowed:
        if status in POST_ALLOWED_NOT:
            failures.append(f"{where} (allowed, but refused)")
    else:
        refused = status in (POST_REFUSED if method == "post" else REFUSED) or (
            status == 302 and (_is_login(location) or method == "post")
        )
        if not refused:
            failures.append(f"{where} (refused: expected 401/403/404 or a redirect)")
        if wrote:
            failures.append(f"{where} (refused, but an action was recorded)")
        leaked = [s for s in secrets if s and s in body]
        if leaked:
            failures.append(f"{where} (refused, but the body holds {leaked})")


def _clients(callers):
    clients = {}
    for caller in callers:
        # A server error is a finding to report with the others, not an exception.
        client = Client(raise_request_exception=False)
        if caller.token:
            client = Client(
                raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {caller.token}"
            )
        elif caller.user is not None:
            client.force_login(caller.user)
        clients[caller.name] = client
    return clients


def _walk_html(world, callers, clients, failures):
    examples = html_kwargs(world)
    secrets = _secrets(world)
    seen = set()
    for name, pattern in url_patterns():
        if name is None:
            failures.append(f"URL {pattern.pattern} has no name: name it and add it to the table")
            continue
        if any(name.startswith(prefix) for prefix in table.NOT_IN_TABLE) and (
            name not in table.URLS
        ):
            continue
        seen.add(name)
        if name not in table.URLS:
            failures.append(f"URL {name} is missing from loket/accounts/permissions.py URLS")
            continue
        params = set(pattern.pattern.converters)
        kwargs = examples.get(name, {})
        if set(kwargs) != params:
            failures.append(f"URL {name}: no example ids for {sorted(params)} in this test")
            continue
        for case, rule in _expand(table.URLS[name], kwargs):
            label = name if rule is table.URLS[name] else f"{name} {case}"
            _walk_url(name, label, case, rule, world, callers, clients, secrets, failures)
    stale = set(table.URLS) - seen
    if stale:
        failures.append(f"the table names URLs that do not exist: {sorted(stale)}")


def _expand(rule, params):
    """(parameters, rule) of each action a URL stands for."""
    if isinstance(rule, table.Cases):
        return [(params | {rule.param: value}, sub) for value, sub in rule.rules.items()]
    return [(params, rule)]


def _walk_url(name, label, kwargs, rule, world, callers, clients, secrets, failures):
    url = reverse(name, kwargs=kwargs)
    office, owner_id, step_role = _object_of(world, rule.obj, kwargs)
    missing_url = None
    if rule.obj is not None:
        key = next(k for k in kwargs if k == "pk")
        missing_url = reverse(name, kwargs=kwargs | {key: MISSING_ID})
    methods = ["get"] + (["post"] if rule.post else [])
    for caller in callers:
        client = clients[caller.name]
        for method in methods:
            who = rule.post if method == "post" else rule.get
            allowed = _allows(caller, who, office=office, owner_id=owner_id, step_role=step_role)
            outcome = _request(client, method, url)
            _judge(label, caller, method, rule, allowed, outcome, secrets, failures)
            if missing_url and caller.stranger and not allowed:
                probe = _request(client, method, missing_url)
                if probe[0] != outcome[0]:
                    failures.append(
                        f"{method.upper()} {label} as {caller.name}: {outcome[0]} for the "
                        f"real id but {probe[0]} for a missing one (the id can be probed)"
                    )


def _deref(schema, node):
    if isinstance(node, dict) and "$ref" in node:
        target = schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return _deref(schema, target)
    return node


def _minimal(schema, node, values):
    """The smallest value of a JSON schema: required fields only, known ids where named."""
    node = _deref(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            return _minimal(schema, node[key][0], values)
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return {
            name: values.get(name, _minimal(schema, node["properties"][name], values))
            for name in node.get("required", [])
            if node["properties"][name].get("format") != "binary"
        }
    return {"integer": 1, "number": 1, "boolean": False, "array": [], "string": "x"}.get(kind, "x")


def _api_body(schema, operation, values):
    """(data, content_type) for a POST: the minimal body its schema describes."""
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = _minimal(schema, content["application/json"]["schema"], values)
        return json.dumps(body), "application/json"
    if "multipart/form-data" in content:
        return _minimal(schema, content["multipart/form-data"]["schema"], values), None
    return "{}", "application/json"


def _walk_api(world, callers, clients, failures):
    schema = Client().get("/api/v1/openapi.json").json()
    secrets = _secrets(world)
    seen = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            seen.add((method, path))
            if (method, path) not in table.API:
                failures.append(f"API {method.upper()} {path} is missing from the table's API")
                continue
            for fixed, rule in _expand(table.API[(method, path)], {}):
                values = api_params(world, path) | fixed
                label = f"{path} {fixed}" if fixed else path
                _walk_operation(
                    label,
                    method,
                    path,
                    operation,
                    rule,
                    values,
                    world,
                    callers,
                    clients,
                    schema,
                    secrets,
                    failures,
                )
    stale = set(table.API) - seen
    if stale:
        failures.append(f"the table names API operations that do not exist: {sorted(stale)}")


def _walk_operation(
    label,
    method,
    path,
    operation,
    rule,
    values,
    world,
    callers,
    clients,
    schema,
    secrets,
    failures,
):
    params = operation.get("parameters", [])
    in_path = {p["name"]: values[p["name"]] for p in params if p["in"] == "path"}
    query = {
        p["name"]: values[p["name"]] for p in params if p["in"] == "query" and p.get("required")
    }
    url = path.format(**in_path)
    office, owner_id, step_role = _object_of(world, rule.obj, in_path)
    if step_role is not None:
        values = values | {"step_no": world.ready.current_step}
    missing_url = None
    if rule.obj is not None:
        id_name = next(n for n in in_path if n.endswith("id") or n == "pk")
        missing_url = path.format(**(in_path | {id_name: MISSING_ID}))
    who = rule.post if method == "post" else rule.get
    data, content_type = _api_body(schema, operation, values)
    scopes = {
        scope
        for requirement in operation.get("security", [])
        for scope in requirement.get("ClientCredentials", [])
    }
    for caller in callers:
        client = clients[caller.name]
        allowed = _allows(
            caller, who, scopes, office=office, owner_id=owner_id, step_role=step_role
        )
        outcome = _request(client, method, url, data, content_type, query)
        _judge(label, caller, method, rule, allowed, outcome, secrets, failures)
        if missing_url and caller.stranger and not allowed:
            probe = _request(client, method, missing_url, data, content_type, query)
            if probe[0] != outcome[0]:
                failures.append(
                    f"{method.upper()} {label} as {caller.name}: {outcome[0]} for the "
                    f"real id but {probe[0]} for a missing one (the id can be probed)"
                )


def test_it_enforces_the_permission_table(world, callers):
    """Every URL and API operation, as every kind of caller, answers as the table says."""
    clients = _clients(callers)
    failures = []
    _walk_html(world, callers, clients, failures)
    _walk_api(world, callers, clients, failures)
    assert not failures, "\n" + "\n".join(failures)


def test_it_covers_every_url_and_operation(db):
    """Each named URL (but the admin's) and each API operation has a rule in the table."""
    names = {
        name
        for name, _pattern in url_patterns()
        if name and not name.startswith(tuple(table.NOT_IN_TABLE))
    }
    names |= {n for n, _p in url_patterns() if n in table.URLS}
    assert names - set(table.URLS) == set()
    schema = Client().get("/api/v1/openapi.json").json()
    operations = {(m, p) for p, ops in schema["paths"].items() for m in ops}
    assert operations - set(table.API) == set()
    assert set(table.API) - operations == set()


def test_it_reads_rules_as_documented(world, callers):
    """The table's evaluator: ownership, office and the current step decide."""
    by_name = {c.name: c for c in callers}
    detail = table.URLS["permits:detail"]
    office, owner, step = _object_of(world, "application", {"pk": world.ready.pk})
    allows = lambda who, c: table.allows(  # noqa: E731
        who, by_name[c].user, office=office, owner_id=owner, step_role=step
    )
    assert allows(detail.get, "owner") and allows(detail.get, "office:sekretaris")
    assert not allows(detail.get, "other-applicant")
    assert not allows(detail.get, "other-office:sekretaris")
    assert not allows(detail.get, "anonymous")
    complete = table.URLS["permits:complete"]
    assert step == "front_office"
    assert allows(complete.post, "office:front_office")
    assert not allows(complete.post, "office:back_office")
    assert not allows(complete.post, "other-office:front_office")
    assert not allows(complete.post, "owner")
