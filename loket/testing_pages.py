"""Every page each role can open, on the demo data (`manage.py demo`).

For the crawl tests (language, accessibility) and `make screenshots`: one list, so a
new page is crawled, checked and photographed everywhere at once. Each entry names a
URL pattern, how to fill its arguments from the demo data and the roles that open it.
`uncovered_patterns()` names the URL patterns neither listed here nor set aside in
SET_ASIDE (with the reason); a test fails on any, so no new page escapes.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from loket.core.roles import OFFICER_ROLES

ANONYMOUS = "anonim"
APPLICANT = "pemohon"
ROLES = [ANONYMOUS, APPLICANT, *OFFICER_ROLES]
LANGUAGES = ("id", "en")

# URL patterns that are no page to look at: the reason for each.
POST_ONLY = "answers POST only (an action; its form is on another page)"
DOWNLOAD = "a file download (PDF, XLSX, CSV, JSON or an upload), not a page"
SET_ASIDE = {
    "logout": POST_ONLY,
    "home": "redirects to the role's start page (catalogue, own files or inbox)",
    "set_language": POST_ONLY,
    "accounts:my_data_json": DOWNLOAD,
    "accounts:my_data_pdf": DOWNLOAD,
    "standards:pdf": DOWNLOAD,
    "permits:receipt_pdf": DOWNLOAD,
    "permits:card_pdf": DOWNLOAD,
    "permits:draft_pdf": DOWNLOAD,
    "permits:document": DOWNLOAD,
    "permits:receive": POST_ONLY,
    "permits:complete": POST_ONLY,
    "permits:return": POST_ONLY,
    "complaints:weigh": POST_ONLY,
    "complaints:coordinate": POST_ONLY,
    "complaints:answer": POST_ONLY,
    "complaints:deliver": POST_ONLY,
    "complaints:letter_pdf": DOWNLOAD,
    "complaints:attachment": DOWNLOAD,
    "complaints:report_action": POST_ONLY,
    "complaints:report_file": DOWNLOAD,
    "surveys:revoke_kiosk": POST_ONLY,
    "surveys:accept_held": POST_ONLY,
    "surveys:report_pdf": DOWNLOAD,
    "surveys:report_xlsx": DOWNLOAD,
    "surveys:settings": POST_ONLY,
    "surveys:approve": POST_ONLY,
    "notify:retry": POST_ONLY,
    "notify:letter_pdf": DOWNLOAD,
    "notify:letter_sent": POST_ONLY,
    "issuance:signed_pdf": DOWNLOAD,
    "issuance:received": POST_ONLY,
    "issuance:proxy_document": DOWNLOAD,
    "issuance:collect": POST_ONLY,
    "issuance:revoke": POST_ONLY,
    "issuance:redraft": POST_ONLY,
    "issuance:document_to_sign": DOWNLOAD,
    "issuance:request_code": POST_ONLY,
    "reports:dashboard_export": DOWNLOAD,
    "reports:supervision_export": DOWNLOAD,
    "reports:cards": DOWNLOAD,
    "reports:card": DOWNLOAD,
    "reports:performance_export": DOWNLOAD,
    "surveys:qr": DOWNLOAD,
    # The step between password and code: an officer sees it only while logging in.
    "accounts:two_factor": "the second-factor step of logging in (tested by the 2FA tests)",
    # The demo data has no monthly complaint report yet (one is drafted on the 1st).
    "complaints:report": "no monthly complaint report in the demo data",
}

FO = "front_office"
BO = "back_office"
MUDA = "jf_ahli_muda"
MADYA = "jf_ahli_madya"
SEKRETARIS = "sekretaris"
KADIS = "kepala_dinas"
KABID = "kepala_bidang"
PENGADUAN = "pengelola_pengaduan"
EVERYONE = tuple(ROLES)
OFFICERS = tuple(OFFICER_ROLES)
FILE_READERS = (APPLICANT, *(r for r in OFFICERS if r != PENGADUAN))
HEADS = (SEKRETARIS, KADIS, KABID)


@dataclass(frozen=True)
class Page:
    key: str  # a file-name-safe name: the screenshot's name
    url_name: str
    roles: tuple
    args: tuple = ()  # names of demo objects (see demo_objects), in the pattern's order
    query: str = ""

    def url(self, objects):
        path = reverse(self.url_name, args=[objects[a] for a in self.args])
        return f"{path}?{self.query}" if self.query else path


# A file at each step of the demo (loket/demo.py), its permit, a complaint, a survey.
_FILES = ("new", "returned", "late", "signing", "ready", "collected")
PAGES = [
    Page("masuk", "login", (ANONYMOUS,)),
    Page("daftar", "accounts:register", (ANONYMOUS,)),
    Page("katalog", "standards:catalogue", EVERYONE),
    Page("standar", "standards:detail", EVERYONE, ("office", "service")),
    Page("lacak", "permits:track", EVERYONE),
    Page("verifikasi-izin", "verify", EVERYONE, ("permit_code",)),
    Page("pengaduan-baru", "complaints:new", EVERYONE),
    Page("pengaduan-lacak", "complaints:track", EVERYONE),
    Page("survei-undangan", "surveys:invited", EVERYONE, ("invitation",)),
    Page("survei-isi", "surveys:fill", EVERYONE, ("office", "service")),
    Page("survei-kios", "surveys:kiosk", EVERYONE, ("office", "service")),
    Page("survei-terima-kasih", "surveys:thanks", EVERYONE),
    Page("data-saya", "accounts:my_data", (APPLICANT,)),
    Page("ajukan", "permits:apply", (APPLICANT,), ("service_id",)),
    Page("permohonan-saya", "permits:mine", (APPLICANT,)),
    Page("pengaduan-saya", "complaints:mine", (APPLICANT,)),
    Page("survei-saya", "surveys:mine", (APPLICANT,)),
    *[Page(f"berkas-{f}", "permits:detail", FILE_READERS, (f,)) for f in _FILES if f != "late"],
    Page(
        "berkas-late", "permits:detail", tuple(r for r in FILE_READERS if r != APPLICANT), ("late",)
    ),
    Page("tanda-terima", "permits:receipt", FILE_READERS, ("new",)),
    Page("kirim-ulang", "permits:resubmit", (APPLICANT, FO), ("returned",)),
    Page("koreksi-identitas", "accounts:correct_identity", (FO,), ("new",)),
    Page("loket-terima", "permits:counter", (FO,)),
    Page("kotak-masuk", "permits:inbox", OFFICERS),
    Page("tandatangani", "issuance:sign", (KADIS,), ("signing",)),
    Page("sertifikat", "issuance:certificates", OFFICERS),
    Page("pengaduan-kotak-masuk", "complaints:inbox", OFFICERS),
    Page("pengaduan-catat", "complaints:record", (FO, PENGADUAN)),
    Page("pengaduan", "complaints:detail", OFFICERS, ("complaint",)),
    Page("pengaduan-buku", "complaints:register", (*HEADS, PENGADUAN)),
    Page("pengaduan-karantina", "complaints:quarantine", (PENGADUAN,)),
    Page("pengaduan-laporan", "complaints:reports", (SEKRETARIS, KADIS, PENGADUAN)),
    Page("perangkat-kios", "surveys:kiosk_devices", (FO, SEKRETARIS, KADIS)),
    Page("survei-laporan", "surveys:report", HEADS),
    Page("tindak-lanjut", "surveys:follow_up", HEADS, ("follow_up",)),
    Page("pesan-gagal", "notify:failed", (FO, BO)),
    Page("surat", "notify:letters", (BO,)),
    Page("laporan", "reports:dashboard", HEADS),
    Page("pengawasan", "reports:supervision", HEADS),
    Page("kinerja", "reports:performance", (SEKRETARIS, KADIS)),
    Page("audit", "audit:trail", (SEKRETARIS, KADIS)),
    Page("tugas-berkala", "core:jobs", (SEKRETARIS, KADIS)),
]


def pages_of(role):
    return [p for p in PAGES if role in p.roles]


def demo_objects():
    """The demo data's objects the pages show, by name (loket/demo.py made them)."""
    from loket.complaints.models import Complaint
    from loket.permits.models import Application, Permit
    from loket.standards.models import Service
    from loket.surveys.models import FollowUpItem, SurveyInvitation

    service = Service.objects.select_related("office").get(code="sikts")
    files = Application.objects.filter(office=service.office).order_by("pk")
    processing = files.filter(status=Application.PROCESSING)
    objects = {
        "office": service.office.code,
        "service": service.code,
        "service_id": service.pk,
        "new": processing.filter(current_step__lte=2).first().pk,
        "returned": files.filter(status=Application.RETURNED).first().pk,
        "late": processing.filter(current_step=5).first().pk,
        "signing": processing.filter(current_step=7).first().pk,
        "ready": files.filter(status=Application.READY).first().pk,
        "collected": files.filter(status=Application.COLLECTED).first().pk,
        "permit_code": Permit.objects.order_by("pk").first().verify_code,
        "complaint": Complaint.objects.order_by("pk").first().pk,
        "invitation": SurveyInvitation.objects.filter(used_at__isnull=True)
        .order_by("pk")
        .first()
        .token,
        "follow_up": FollowUpItem.objects.order_by("pk").first().pk,
    }
    return objects


def demo_usernames():
    """The username each role logs in with on the demo data."""
    from loket.accounts.backends import applicant_username
    from loket.demo import APPLICANT as DEMO_APPLICANT
    from loket.demo import OFFICERS as DEMO_OFFICERS

    names = {role: username for role, (username, _name) in DEMO_OFFICERS.items()}
    names[APPLICANT] = applicant_username(DEMO_APPLICANT["nik"])
    return names


def inventory():
    """{role: [(page key, URL)]} on the demo data in the database."""
    objects = demo_objects()
    return {role: [(p.key, p.url(objects)) for p in pages_of(role)] for role in ROLES}


def _pattern_names(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            if str(p.pattern).startswith(("admin/", "api/")):
                continue
            yield from _pattern_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}" if p.name else f"{namespace}<{p.pattern}>"


def uncovered_patterns():
    """URL patterns (outside admin and the API) neither in PAGES nor in SET_ASIDE."""
    listed = {p.url_name for p in PAGES} | set(SET_ASIDE)
    return sorted(set(_pattern_names(get_resolver().url_patterns)) - listed)
