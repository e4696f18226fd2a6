"""Who may use which page and API operation: the one table.

Every URL name and every API operation (method and path of /api/v1/openapi.json) has a
rule here. A rule names who may read it (GET) and who may act through it (POST):

- ``PUBLIC``: anyone, signed in or not;
- ``SIGNED_IN``: any signed-in user (lists then show only what the user may see);
- ``OWNER``: the applicant or complainant whose object the URL names;
- ``OFFICE``: any officer of the object's office (of their own office, for pages that
  name no object);
- ``FILES``: an officer of the object's office who works on permit files: every
  officer role but the complaint desk (pengelola_pengaduan), which sees complaints and
  the control card of a file a complaint names, on the complaint, never the file;
- ``STEP``: the officer holding the role of the file's *current* SOP step, in the
  file's office. Which role that is comes from the file's standard (its YAML), so a
  new standard changes it without code;
- a role code (``pemohon`` or an officer role): users holding it; officers only in the
  office of the object (or their own office, for pages that name no object).

An API client (loket.apiclients) reaches an API operation only when its token holds
the scope the operation names (its OpenAPI security); it then counts as an officer of
its office holding the roles that scope lends (loket.apiclients.scopes.ROLES), and the
rule decides as for any officer. Pages ignore tokens: a client is anonymous there.

Actions (``*/actions.py``) enforce the same rules on every write, and visibility
querysets (``visible_applications``, ``visible_complaints``...) make objects outside a
rule answer 404, so a guessed id finds nothing.

`loket/accounts/tests/test_it_enforces_the_permission_table.py` requests every URL
and operation as each kind of caller and checks the answer against this table; a
URL or operation missing here fails it. `allows()` evaluates a rule, for views that
want to ask the table directly.
"""

from dataclasses import dataclass, field

from loket.core.roles import (
    BACK_OFFICE,
    FRONT_OFFICE,
    KEPALA_BIDANG,
    KEPALA_DINAS,
    OFFICER_ROLES,
    PEMOHON,
    PENGELOLA_PENGADUAN,
    SEKRETARIS,
    office_of,
    roles_of,
)

PUBLIC = "public"
SIGNED_IN = "signed_in"
OWNER = "owner"
OFFICE = "office"
FILES = "files"
# Officers who open permit files, their documents and PDFs.
FILE_ROLES = frozenset(OFFICER_ROLES) - {PENGELOLA_PENGADUAN}
STEP = "step"

# Reports of the office (supervision, SKM, dashboard) and the complaint register.
READERS = (SEKRETARIS, KEPALA_DINAS, KEPALA_BIDANG)
MANAGEMENT = (SEKRETARIS, KEPALA_DINAS)
REGISTER = (PENGELOLA_PENGADUAN, SEKRETARIS, KEPALA_DINAS, KEPALA_BIDANG)
COMPLAINT_REPORTS = (PENGELOLA_PENGADUAN, SEKRETARIS, KEPALA_DINAS)
# Register the office's survey kiosks and review held responses (surveys.actions).
KIOSK_KEEPERS = (FRONT_OFFICE, SEKRETARIS, KEPALA_DINAS)


@dataclass(frozen=True)
class Rule:
    """Who may GET and who may POST; `obj` is the kind of object the path names."""

    get: frozenset = field(default_factory=frozenset)
    post: frozenset = field(default_factory=frozenset)
    obj: str | None = None
    # What an allowed GET answers: a page (200) or a redirect (302).
    get_ok: tuple = (200,)
    note: str = ""

    @property
    def post_only(self):
        return not self.get and bool(self.post)


def page(*who, obj=None, get_ok=(200,), note=""):
    """Read only."""
    return Rule(get=frozenset(who), obj=obj, get_ok=get_ok, note=note)


def form(*who, post=None, obj=None, get_ok=(200,), note=""):
    """A page that is read, then posted (by `post`, when others may only read it)."""
    return Rule(
        get=frozenset(who),
        post=frozenset(who if post is None else post),
        obj=obj,
        get_ok=get_ok,
        note=note,
    )


def action(*who, obj=None, note=""):
    """POST only."""
    return Rule(post=frozenset(who), obj=obj, note=note)


@dataclass(frozen=True)
class Cases:
    """One URL, several actions: a path parameter (e.g. `what`) picks the rule."""

    param: str
    rules: dict


def cases(param, rules):
    return Cases(param, rules)


# The monthly complaint report: compiled and submitted by the complaint desk, reviewed
# by the Sekretaris, received by the Kepala Dinas.
REPORT_STEPS = {
    "submit": action(PENGELOLA_PENGADUAN, obj="report"),
    "review": action(SEKRETARIS, obj="report"),
    "receive": action(KEPALA_DINAS, obj="report"),
}

URLS = {
    # --- the site, sign-in, language ---------------------------------------------------
    "home": page(PUBLIC, get_ok=(302,), note="sends each user to their start page"),
    "login": form(PUBLIC),
    "logout": action(PUBLIC),
    "set_language": form(PUBLIC, get_ok=(302,)),
    "accounts:register": form(PUBLIC),
    "accounts:two_factor": form(
        SIGNED_IN,
        get_ok=(200, 302),
        note="an officer's second factor; a verified session or an applicant is sent on",
    ),
    # --- personal data (UU 27/2022) ------------------------------------------------------
    "accounts:my_data": page(PEMOHON, note="the applicant's own data; names no object"),
    "accounts:my_data_json": page(PEMOHON),
    "accounts:my_data_pdf": page(PEMOHON),
    "accounts:correct_identity": form(FRONT_OFFICE, obj="application"),
    # --- public standards ----------------------------------------------------------------
    "standards:catalogue": page(PUBLIC),
    "standards:detail": page(PUBLIC),
    "standards:pdf": page(PUBLIC),
    # --- files (permits) -----------------------------------------------------------------
    "permits:apply": form(
        SIGNED_IN,
        get_ok=(200, 302),
        note="files online as the applicant; an account without an applicant profile "
        "is sent to registration",
    ),
    "permits:counter": form(FRONT_OFFICE),
    "permits:mine": page(SIGNED_IN),
    "permits:detail": page(OWNER, FILES, obj="application"),
    "permits:receipt": page(OWNER, FILES, obj="application"),
    "permits:receipt_pdf": page(OWNER, FILES, obj="application"),
    "permits:card_pdf": page(OWNER, FILES, obj="application"),
    "permits:draft_pdf": page(OWNER, FILES, obj="application"),
    "permits:receive": action(STEP, obj="application"),
    "permits:complete": action(STEP, obj="application"),
    "permits:return": action(STEP, obj="application", note="only at a step that may return"),
    "permits:resubmit": form(OWNER, FRONT_OFFICE, obj="application"),
    "permits:document": page(OWNER, FILES, obj="document"),
    "permits:inbox": page(OFFICE),
    "permits:track": page(PUBLIC, note="needs the registration number and tracking code"),
    "verify": form(PUBLIC, note="the verification code printed on the permit is the key"),
    # --- issuance ------------------------------------------------------------------------
    "issuance:signed_pdf": page(
        OWNER, FILES, obj="application", note="only serves the file; receipt is issuance:received"
    ),
    "issuance:proxy_document": page(FILES, obj="application"),
    "issuance:collect": action(STEP, obj="application"),
    "issuance:received": action(OWNER, obj="application"),
    "issuance:revoke": action(KEPALA_DINAS, obj="application"),
    "issuance:redraft": action(BACK_OFFICE, obj="application"),
    # The signer's own signature: the sign step's role, with the caller's own certificate.
    "issuance:sign": form(STEP, obj="application", note="only while the file is at its sign step"),
    "issuance:document_to_sign": page(STEP, obj="application", note="only at the sign step"),
    "issuance:request_code": action(STEP, obj="application", note="bsre backend only"),
    "issuance:certificates": page(OFFICE),
    # --- complaints ----------------------------------------------------------------------
    "complaints:new": form(PUBLIC),
    "complaints:track": page(PUBLIC),
    "complaints:mine": page(SIGNED_IN),
    "complaints:inbox": page(OFFICE),
    "complaints:record": form(PENGELOLA_PENGADUAN, FRONT_OFFICE),
    "complaints:detail": page(OWNER, OFFICE, obj="complaint"),
    "complaints:weigh": action(PENGELOLA_PENGADUAN, obj="complaint"),
    "complaints:coordinate": action(
        KEPALA_BIDANG, KEPALA_DINAS, obj="complaint", note="medium and heavy complaints"
    ),
    "complaints:answer": action(
        PENGELOLA_PENGADUAN, KEPALA_DINAS, obj="complaint", note="the Kadis: heavy ones"
    ),
    "complaints:deliver": action(
        PENGELOLA_PENGADUAN, KEPALA_DINAS, obj="complaint", note="the Kadis: heavy ones"
    ),
    "complaints:letter_pdf": page(OFFICE, obj="complaint"),
    "complaints:attachment": page(OWNER, OFFICE, obj="attachment"),
    "complaints:register": page(*REGISTER),
    "complaints:quarantine": page(PENGELOLA_PENGADUAN),
    "complaints:reports": form(*COMPLAINT_REPORTS),
    "complaints:report": page(*COMPLAINT_REPORTS, obj="report"),
    "complaints:report_action": cases("what", REPORT_STEPS),
    "complaints:report_file": page(*COMPLAINT_REPORTS, obj="report"),
    # --- surveys -------------------------------------------------------------------------
    "surveys:invited": form(PUBLIC, note="the invitation token is the key"),
    "surveys:fill": form(PUBLIC),
    "surveys:kiosk": form(PUBLIC),
    "surveys:qr": page(PUBLIC),
    "surveys:thanks": page(PUBLIC),
    "surveys:mine": page(SIGNED_IN),
    "surveys:report": page(*READERS),
    "surveys:report_pdf": page(*READERS),
    "surveys:report_xlsx": page(*READERS),
    "surveys:settings": action(*MANAGEMENT),
    "surveys:follow_up": form(*READERS, post=MANAGEMENT, obj="follow_up"),
    "surveys:approve": action(SEKRETARIS, obj="follow_up"),
    # Registered kiosks (their responses count in the IKM) and held responses.
    "surveys:kiosk_devices": form(*KIOSK_KEEPERS),
    "surveys:revoke_kiosk": action(*KIOSK_KEEPERS, obj="kiosk"),
    "surveys:accept_held": action(*KIOSK_KEEPERS, obj="survey_response"),
    # --- messages and letters ------------------------------------------------------------
    "notify:failed": page(FRONT_OFFICE, BACK_OFFICE),
    "notify:retry": action(FRONT_OFFICE, BACK_OFFICE, obj="outbox"),
    "notify:letters": page(BACK_OFFICE),
    "notify:letter_pdf": page(BACK_OFFICE, obj="letter"),
    "notify:letter_sent": action(BACK_OFFICE, obj="letter"),
    # --- reports -------------------------------------------------------------------------
    "reports:dashboard": page(*READERS),
    "reports:dashboard_export": page(*READERS),
    "reports:supervision": page(*READERS),
    "reports:supervision_export": page(*READERS),
    "reports:cards": page(*READERS),
    "reports:card": page(*READERS, obj="application"),
    "reports:performance": page(*MANAGEMENT),
    "reports:performance_export": page(*MANAGEMENT),
    # --- the audit trail -----------------------------------------------------------------
    "audit:trail": page(*MANAGEMENT),
    "core:jobs": page(*MANAGEMENT),
    # --- the API's own pages (its operations are in API below) ---------------------------
    "api:openapi-json": page(PUBLIC),
    "api:openapi-view": page(PUBLIC),
}

# URL names the table does not cover, and why.
NOT_IN_TABLE = {
    "admin:": "the Django admin: staff accounts with model permissions and a second factor",
    "api:": "API operations are listed in API by method and path",
}

A = "/api/v1"
O311 = f"{A}/complaints/open311"
API = {
    # API clients get their tokens here (OAuth 2.0 client credentials)
    ("post", f"{A}/token"): action(PUBLIC, note="the client's id and secret are the key"),
    # standards
    ("get", f"{A}/standards/"): page(PUBLIC),
    ("get", f"{A}/standards/{{office}}/{{code}}"): page(PUBLIC),
    # permits
    ("post", f"{A}/permits/applications"): action(PEMOHON),
    ("get", f"{A}/permits/applications"): page(SIGNED_IN),
    ("post", f"{A}/permits/counter"): action(FRONT_OFFICE),
    ("get", f"{A}/permits/applications/{{application_id}}"): page(OWNER, FILES, obj="application"),
    ("get", f"{A}/permits/applications/{{application_id}}/card"): page(
        OWNER, FILES, obj="application"
    ),
    ("get", f"{A}/permits/applications/{{application_id}}/card.pdf"): page(
        OWNER, FILES, obj="application"
    ),
    ("get", f"{A}/permits/applications/{{application_id}}/receipt.pdf"): page(
        OWNER, FILES, obj="application"
    ),
    ("get", f"{A}/permits/applications/{{application_id}}/draft"): page(
        OWNER, FILES, obj="application"
    ),
    ("get", f"{A}/permits/documents/{{document_id}}"): page(OWNER, FILES, obj="document"),
    ("get", f"{A}/permits/inbox"): page(OFFICE),
    ("post", f"{A}/permits/applications/{{application_id}}/receive"): action(
        STEP, obj="application"
    ),
    ("post", f"{A}/permits/applications/{{application_id}}/complete"): action(
        STEP, obj="application"
    ),
    ("post", f"{A}/permits/applications/{{application_id}}/return"): action(
        STEP, obj="application"
    ),
    ("post", f"{A}/permits/applications/{{application_id}}/resubmit"): action(
        OWNER, FRONT_OFFICE, obj="application"
    ),
    ("post", f"{A}/permits/applications/{{application_id}}/collect"): action(
        STEP, obj="application"
    ),
    ("get", f"{A}/permits/track"): page(PUBLIC),
    # issuance
    ("get", f"{A}/issuance/verify/{{code}}"): page(PUBLIC),
    ("post", f"{A}/issuance/verify/{{code}}/check"): action(PUBLIC),
    ("post", f"{A}/issuance/{{application_id}}/revoke"): action(KEPALA_DINAS, obj="application"),
    ("get", f"{A}/issuance/{{application_id}}/signed.pdf"): page(OWNER, FILES, obj="application"),
    ("post", f"{A}/issuance/{{application_id}}/received"): action(OWNER, obj="application"),
    ("get", f"{A}/issuance/{{application_id}}/to-sign"): page(STEP, obj="application"),
    ("post", f"{A}/issuance/{{application_id}}/sign"): action(STEP, obj="application"),
    # complaints
    ("post", f"{A}/complaints/"): action(
        PUBLIC, note="internet complaints by anyone; other channels by the complaint desk"
    ),
    ("get", f"{A}/complaints/"): page(SIGNED_IN),
    ("get", f"{A}/complaints/track"): page(PUBLIC),
    ("get", f"{A}/complaints/{{complaint_id}}"): page(OWNER, OFFICE, obj="complaint"),
    ("post", f"{A}/complaints/{{complaint_id}}/weigh"): action(
        PENGELOLA_PENGADUAN, obj="complaint"
    ),
    ("post", f"{A}/complaints/{{complaint_id}}/coordinate"): action(
        KEPALA_BIDANG, KEPALA_DINAS, obj="complaint"
    ),
    ("post", f"{A}/complaints/{{complaint_id}}/answer"): action(
        PENGELOLA_PENGADUAN, KEPALA_DINAS, obj="complaint"
    ),
    ("post", f"{A}/complaints/{{complaint_id}}/delivery"): action(
        PENGELOLA_PENGADUAN, KEPALA_DINAS, obj="complaint"
    ),
    ("get", f"{A}/complaints/register"): page(*REGISTER),
    ("get", f"{A}/complaints/reports"): page(*COMPLAINT_REPORTS),
    ("post", f"{A}/complaints/reports"): action(*COMPLAINT_REPORTS),
    ("get", f"{A}/complaints/reports/{{report_id}}"): page(*COMPLAINT_REPORTS, obj="report"),
    ("post", f"{A}/complaints/reports/{{report_id}}/{{what}}"): cases("what", REPORT_STEPS),
    ("get", f"{O311}/discovery.{{format}}"): page(PUBLIC),
    ("get", f"{O311}/services.{{format}}"): page(PUBLIC),
    ("get", f"{O311}/services/{{code}}.{{format}}"): page(PUBLIC),
    ("post", f"{O311}/requests.{{format}}"): action(PUBLIC),
    ("get", f"{O311}/requests.{{format}}"): page(PUBLIC),
    ("get", f"{O311}/requests/{{request_id}}.{{format}}"): page(PUBLIC),
    # surveys
    ("post", f"{A}/surveys/responses"): action(PUBLIC),
    ("get", f"{A}/surveys/ikm"): page(*READERS),
    # notify
    ("get", f"{A}/notify/outbox"): page(FRONT_OFFICE, BACK_OFFICE),
    ("post", f"{A}/notify/outbox/{{pk}}/retry"): action(FRONT_OFFICE, BACK_OFFICE, obj="outbox"),
    ("get", f"{A}/notify/letters"): page(BACK_OFFICE),
    ("post", f"{A}/notify/letters/{{pk}}/sent"): action(BACK_OFFICE, obj="letter"),
    # reports
    ("get", f"{A}/reports/supervision"): page(*READERS),
    ("get", f"{A}/reports/dashboard"): page(*READERS),
    # the audit trail
    ("get", f"{A}/audit/events"): page(*MANAGEMENT),
    ("get", f"{A}/audit/verification"): page(*MANAGEMENT),
    # accounts: personal data
    ("get", f"{A}/accounts/me/data"): page(PEMOHON),
    ("post", f"{A}/accounts/applications/{{application_id}}/identity"): action(
        FRONT_OFFICE, obj="application"
    ),
}


def rule_for(name, **params):
    """The rule of a URL name, or of an API operation given as (method, path); `params`
    are the path's parameters, for URLs whose parameter picks the action."""
    rule = API[name] if isinstance(name, tuple) else URLS[name]
    if isinstance(rule, Cases):
        rule = rule.rules[str(params[rule.param])]
    return rule


def allows(who, user, *, office=None, owner_id=None, step_role=None):
    """Does one side of a rule (`rule.get` or `rule.post`) let `user` in?

    `office` is the office of the object the URL names (None: a page naming no object,
    where an officer acts for their own office); `owner_id` the user id of the object's
    applicant or complainant; `step_role` the role of a file's current step.
    """
    if PUBLIC in who:
        return True
    if user is None or not user.is_authenticated:
        return False
    if SIGNED_IN in who:
        return True
    if OWNER in who and owner_id is not None and owner_id == user.pk:
        return True
    roles = roles_of(user)
    if PEMOHON in who and PEMOHON in roles:
        return True
    own = office_of(user)
    if own is None or (office is not None and own.pk != getattr(office, "pk", office)):
        return False
    officer_roles = roles & set(OFFICER_ROLES)
    if not officer_roles:
        return False
    if OFFICE in who:
        return True
    if FILES in who and officer_roles & FILE_ROLES:
        return True
    if STEP in who and step_role in officer_roles:
        return True
    return bool(officer_roles & who)
