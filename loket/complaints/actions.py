"""Every write of the complaints app: intake, weighing, coordination, answer, delivery.

Views, the API, Open311 and the mailbox reader parse their input and call one of
these. Each runs in one transaction together with its history event and its line in
the Buku Pengaduan, so the register never misses a complaint.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket import audit
from loket.accounts.actions import message_language
from loket.complaints import outgoing
from loket.complaints.access import is_handler, may_record
from loket.complaints.config import complaint_settings, settings_for
from loket.complaints.models import (
    BERAT,
    CHANNELS,
    EMAIL,
    FAKS,
    INTERNET,
    LANGSUNG,
    RINGAN,
    SEDANG,
    SURAT,
    TELEPON,
    WEIGHTS,
    Attachment,
    Complaint,
    CoordinationTask,
    Event,
    MonthlyReport,
    QuarantinedEmail,
    RegisterEntry,
    ReportReview,
    ReportVersion,
)
from loket.complaints.monthly import month_figures
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import (
    KEPALA_BIDANG,
    KEPALA_DINAS,
    PENGELOLA_PENGADUAN,
    SEKRETARIS,
    acts_as,
    role_label,
)
from loket.core.sequences import next_in_sequence
from loket.core.storage import remove_private, store_private
from loket.lib.phones import PhoneError, mask_phone, normalize_phone
from loket.lib.tracking import new_tracking_code
from loket.lib.uploads import UploadRejected, judge_upload
from loket.permits.models import Application

MAX_DESCRIPTION = 4000
MAX_ATTACHMENTS = 5

# Heavy complaints: the Kepala Dinas coordinates with the Mayor through an
# Assistant, or with the City Secretary (source, part 1 e.).
PARTNERS = {
    "walikota_asisten": "Walikota cq Asisten",
    "sekda": "Sekretaris Daerah",
}

# How an answer may reach the complainant, by the channel the complaint came in
# (source, part 1 f.-i.). Email and web answers are delivered by the system itself.
DELIVERY_METHODS = {
    SURAT: ("surat", "telepon"),
    TELEPON: ("telepon",),
    FAKS: ("faks", "telepon"),
    LANGSUNG: ("langsung",),
    EMAIL: ("email",),
    INTERNET: ("halaman_lacak",),
}
METHOD_LABELS = {
    "surat": gettext_lazy("Surat balasan"),
    "telepon": gettext_lazy("Telepon"),
    "faks": gettext_lazy("Faks"),
    "langsung": gettext_lazy("Disampaikan langsung"),
    "email": gettext_lazy("Email"),
    "halaman_lacak": gettext_lazy("Halaman lacak pengaduan"),
}


@dataclass
class Upload:
    name: str
    data: bytes


@dataclass
class Intake:
    """A complaint as received, before it is checked."""

    description: str
    type: str = ""  # empty: the standard's default type
    subject: str = ""
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    fax: str = ""
    confidential: bool = False
    reference: str = ""
    lat: float = None
    long: float = None
    address_string: str = ""
    media_url: str = ""
    uploads: list = field(default_factory=list)
    # The privacy notice of the form was acknowledged (optional, like the identity).
    privacy_ack: bool = False


def _person(user):
    return (user.get_full_name() or user.username) if user else ""


def _event(complaint, kind, user, at, *, role="", text="", details=None):
    return Event.objects.create(
        complaint=complaint,
        kind=kind,
        at=at,
        actor=user,
        actor_name=_person(user) if user else _("Sistem"),
        role=role,
        text=text,
        details=details or {},
    )


def handling_minutes(complaint, calendar, now=None):
    end = complaint.closed_at or now or timezone.now()
    return calendar.minutes_between(complaint.received_at, end)


def _register(complaint, user, at, reason, calendar):
    # The register is a list that is shown and exported: the number is masked there.
    phone = mask_phone(complaint.phone) if complaint.phone else ""
    identity = ", ".join(p for p in (complaint.name, complaint.address, phone) if p)
    return RegisterEntry.objects.create(
        office=complaint.office,
        complaint=complaint,
        at=at,
        recorded_by=user,
        reason=reason,
        complaint_date=timezone.localtime(complaint.received_at).date(),
        identity=identity or _("Tanpa identitas"),
        confidential=complaint.confidential,
        type=complaint.type,
        weight=complaint.weight,
        channel=complaint.channel,
        status=complaint.status,
        handling_minutes=handling_minutes(complaint, calendar, at) if complaint.closed_at else None,
    )


def find_linked_application(office, reference):
    """An application of the office by registration number or permit number."""
    reference = (reference or "").strip()
    if not reference:
        return None
    return (
        Application.objects.filter(office=office)
        .filter(Q(reg_number__iexact=reference) | Q(permit__number__iexact=reference))
        .first()
    )


def _judge(uploads):
    errors, judged = [], []
    if len(uploads) > MAX_ATTACHMENTS:
        errors.append(_("Paling banyak %(n)d lampiran.") % {"n": MAX_ATTACHMENTS})
    for up in uploads[:MAX_ATTACHMENTS]:
        try:
            kind = judge_upload(up.data, max_bytes=settings.UPLOAD_MAX_BYTES, name=up.name)
        except UploadRejected as exc:
            errors.append(str(exc.args[0]))
            continue
        judged.append((up, kind))
    return judged, errors


def _store_attachments(complaint, judged, stored):
    for up, kind in judged:
        name, digest = store_private(up.data, kind)
        stored.append(name)
        Attachment.objects.create(
            complaint=complaint,
            kind=kind,
            stored_name=name,
            original_name=up.name[:255] or "lampiran",
            size=len(up.data),
            sha256=digest,
        )


def clean_intake(office, intake, channel):
    """Check an intake; return (cleaned fields, linked application, errors)."""
    errors = {}
    config = complaint_settings(office)
    description = (intake.description or "").strip()
    if not description:
        errors["description"] = _("Uraikan pengaduan Anda.")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _("Uraian paling panjang %(n)d karakter.") % {"n": MAX_DESCRIPTION}
    kind = intake.type or config.default_type
    if kind not in dict(config.types):
        errors["type"] = _("Pilih jenis pengaduan.")
    if channel not in dict(CHANNELS) or channel not in config.channels:
        errors["channel"] = _("Saluran pengaduan tidak dikenal.")
    email = (intake.email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Alamat email tidak valid.")
    phone = (intake.phone or "").strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except PhoneError as exc:
            errors["phone"] = str(exc.args[0])
    for name, value, limit in (("lat", intake.lat, 90), ("long", intake.long, 180)):
        if value is not None and not -limit <= value <= limit:
            errors[name] = _("Koordinat di luar rentang (-%(n)d sampai %(n)d).") % {"n": limit}
    media_url = (intake.media_url or "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errors["media_url"] = _("Tautan media harus alamat http(s) yang valid.")
        if len(media_url) > 500:
            errors["media_url"] = _("Tautan media paling panjang 500 karakter.")
    application = None
    if (intake.reference or "").strip():
        application = find_linked_application(office, intake.reference)
        if application is None:
            errors["reference"] = _(
                "Nomor registrasi atau nomor izin tidak ditemukan. Periksa kembali, "
                "atau kosongkan isian ini."
            )
    cleaned = {
        "description": description,
        "type": kind,
        "subject": (intake.subject or "").strip()[:200],
        "name": (intake.name or "").strip()[:200],
        "address": (intake.address or "").strip()[:300],
        "phone": phone,
        "email": email,
        "fax": (intake.fax or "").strip()[:30],
        "confidential": bool(intake.confidential),
        "reference": (intake.reference or "").strip()[:80],
        "lat": intake.lat,
        "long": intake.long,
        "address_string": (intake.address_string or "").strip()[:300],
        "media_url": media_url,
        "privacy_acknowledged_at": timezone.now() if intake.privacy_ack else None,
    }
    return cleaned, application, errors


def file_complaint(
    office, intake, *, channel, by=None, user=None, via_open311=False, at=None, language=None
):
    """Receive a complaint by any channel; returns it with its ticket and tracking code.

    `by` is the officer who records a counter, letter, phone or fax complaint; web
    and Open311 complaints have none (a signed-in citizen is `user`); email intake
    is the system itself. The complainant is told the ticket and tracking link by
    SMS and email when they gave a number or an address, in `language` (by default
    the language the form was used in).
    """
    if channel in (LANGSUNG, SURAT, TELEPON, FAKS) and not (by and may_record(by, office)):
        raise NotAllowed(_("Pengaduan ini dicatat oleh petugas pengaduan."))
    cleaned, application, errors = clean_intake(office, intake, channel)
    if channel == EMAIL and not cleaned["email"]:
        errors["email"] = _("Pengaduan email memerlukan alamat pengirim.")
    judged, upload_errors = _judge(intake.uploads)
    if upload_errors:
        errors["attachments"] = " ".join(upload_errors)
    if errors:
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
    stored = []
    try:
        with transaction.atomic():
            now = at or timezone.now()
            calendar = office.calendar()
            year = timezone.localtime(now).year
            seq = next_in_sequence(office, "complaint", year)
            complaint = Complaint.objects.create(
                office=office,
                ticket=f"ADU-{year}-{seq:05d}",
                tracking_code=new_tracking_code(),
                channel=channel,
                language=message_language(language),
                application=application,
                user=user if user is not None and user.is_authenticated else None,
                via_open311=via_open311,
                received_at=now,
                # Until weighed, a complaint is held to the shortest deadline.
                due_at=calendar.add_days(now, complaint_settings(office).deadline_days(RINGAN)),
                created_by=by,
                **cleaned,
            )
            _store_attachments(complaint, judged, stored)
            _event(
                complaint,
                Event.RECEIVED,
                by,
                now,
                role=PENGELOLA_PENGADUAN if by else "",
                details={"channel": channel, "attachments": len(judged)},
            )
            _register(complaint, by, now, "dicatat", calendar)
            _acknowledge(complaint)
            audit.record(
                "complaints.file_complaint",
                actor=by or user,
                office=office,
                obj=complaint,
                role=PENGELOLA_PENGADUAN if by else "",
                data={
                    "ticket": complaint.ticket,
                    "channel": channel,
                    "attachments": len(judged),
                    "via_open311": via_open311,
                },
            )
        return complaint
    except BaseException:
        remove_private(stored)
        raise


def _acknowledge(complaint):
    """Queue the acknowledgement of receipt, once per contact, with the complaint, in
    the complainant's language."""
    context = message_context(complaint)
    for channel, recipient in (("sms", complaint.phone), ("email", complaint.email)):
        if recipient:
            outgoing.queue_message(
                complaint.office,
                channel,
                recipient,
                "complaint_received",
                context,
                f"complaint:{complaint.pk}:received:{channel}",
                **outgoing.naming(complaint),
                language=complaint.language,
            )


def _locked(complaint):
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("office")
        .get(pk=complaint.pk)
    )


def _open_tasks(complaint, weight, now):
    roles = {SEDANG: (KEPALA_BIDANG, KEPALA_DINAS), BERAT: (KEPALA_DINAS,)}.get(weight, ())
    for role in roles:
        CoordinationTask.objects.create(
            complaint=complaint,
            office=complaint.office,
            role=role,
            weight=weight,
            opened_at=now,
            due_at=complaint.due_at,
        )
        _event(
            complaint,
            Event.TASK_OPENED,
            None,
            now,
            role=role,
            text=_("Tugas koordinasi untuk %(role)s.") % {"role": role_label(role)},
        )


def weigh(complaint, user, weight, reason):
    """The handling officer sets (or changes) the weight; the route follows from it."""
    reason = (reason or "").strip()
    if weight not in dict(WEIGHTS):
        raise Invalid(
            _("Pilih bobot pengaduan."), {"weight": _("Pilih ringan, sedang atau berat.")}
        )
    if not reason:
        raise Invalid(_("Tuliskan alasan bobot."), {"reason": _("Wajib diisi.")})
    with transaction.atomic():
        complaint = _locked(complaint)
        if not is_handler(user, complaint.office):
            raise NotAllowed(_("Bobot pengaduan ditetapkan oleh pengelola pengaduan."))
        if complaint.status in (Complaint.ANSWERED, Complaint.CLOSED):
            raise Conflict(_("Pengaduan sudah dijawab; bobotnya tidak dapat diubah lagi."))
        if complaint.weight == weight:
            raise Conflict(
                _("Bobot pengaduan sudah %(w)s.") % {"w": complaint.get_weight_display()}
            )
        now = timezone.now()
        calendar = complaint.office.calendar()
        previous = complaint.weight
        # A new weight starts a new route: open coordination is moot.
        CoordinationTask.objects.filter(complaint=complaint, closed_at__isnull=True).update(
            closed_at=now, closed_by=user, cancelled=True
        )
        complaint.weight = weight
        complaint.weight_reason = reason
        complaint.decision = ""
        complaint.due_at = calendar.add_days(
            complaint.received_at, settings_for(complaint).deadline_days(weight)
        )
        complaint.status = Complaint.WEIGHED if weight == RINGAN else Complaint.COORDINATING
        complaint.save(
            update_fields=["weight", "weight_reason", "decision", "due_at", "status", "updated_at"]
        )
        _event(
            complaint,
            Event.REWEIGHED if previous else Event.WEIGHED,
            user,
            now,
            role=PENGELOLA_PENGADUAN,
            text=reason,
            details={"from": previous, "to": weight},
        )
        _open_tasks(complaint, weight, now)
        _register(
            complaint, user, now, "bobot diubah" if previous else "bobot ditetapkan", calendar
        )
        audit.record(
            "complaints.weigh",
            actor=user,
            office=complaint.office_id,
            obj=complaint,
            role=PENGELOLA_PENGADUAN,
            data={"ticket": complaint.ticket, "from": previous, "to": weight},
        )
    return complaint


def open_task(complaint, role):
    return complaint.tasks.filter(role=role, closed_at__isnull=True).first()


def coordinate(
    complaint, user, note, *, role=None, partner="", partner_name="", coordinated_on=None
):
    """A leader records their part of the coordination.

    Medium: the Kepala Bidang records the division's findings, then the Kepala Dinas
    records the decision. Heavy: the Kepala Dinas records the coordination with the
    Mayor's Assistant or the City Secretary and its result. A recorded decision or
    result makes the complaint ready to be conveyed.
    """
    note = (note or "").strip()
    if not note:
        raise Invalid(_("Tuliskan hasil koordinasi."), {"note": _("Wajib diisi.")})
    with transaction.atomic():
        complaint = _locked(complaint)
        office = complaint.office
        candidates = [role] if role else [KEPALA_BIDANG, KEPALA_DINAS]
        task = None
        for r in candidates:
            if acts_as(user, r, office):
                task = open_task(complaint, r)
                if task:
                    break
        if task is None:
            if not any(acts_as(user, r, office) for r in (KEPALA_BIDANG, KEPALA_DINAS)):
                raise NotAllowed(_("Koordinasi dicatat oleh Kepala Bidang atau Kepala Dinas."))
            waiting = complaint.tasks.filter(closed_at__isnull=True).values_list("role", flat=True)
            if waiting:
                raise NotAllowed(
                    _("Koordinasi pengaduan ini menunggu %(roles)s.")
                    % {"roles": ", ".join(str(role_label(r)) for r in waiting)}
                )
            raise Conflict(_("Tidak ada tugas koordinasi Anda yang terbuka untuk pengaduan ini."))
        now = timezone.now()
        errors = {}
        if complaint.weight == BERAT:
            if partner not in PARTNERS:
                errors["partner"] = _("Pilih Walikota cq Asisten atau Sekretaris Daerah.")
            if coordinated_on is None:
                errors["coordinated_on"] = _("Isi tanggal koordinasi.")
        elif task.role == KEPALA_DINAS and open_task(complaint, KEPALA_BIDANG):
            raise Conflict(
                _("Kepala Bidang belum mencatat hasil koordinasinya; keputusan menunggu itu.")
            )
        if errors:
            raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
        task.closed_at = now
        task.closed_by = user
        task.note = note
        task.partner = partner if complaint.weight == BERAT else ""
        task.partner_name = partner_name.strip()[:200] if complaint.weight == BERAT else ""
        task.coordinated_on = coordinated_on if complaint.weight == BERAT else None
        task.save(
            update_fields=[
                "closed_at",
                "closed_by",
                "note",
                "partner",
                "partner_name",
                "coordinated_on",
            ]
        )
        decides = task.role == KEPALA_DINAS
        details = {"task": task.pk}
        if complaint.weight == BERAT:
            details.update(
                partner=partner,
                partner_label=PARTNERS[partner],
                partner_name=task.partner_name,
                coordinated_on=coordinated_on.isoformat(),
            )
        _event(
            complaint,
            Event.DECIDED if decides else Event.COORDINATED,
            user,
            now,
            role=task.role,
            text=note,
            details=details,
        )
        if decides:
            complaint.decision = note
            complaint.status = Complaint.READY
            complaint.save(update_fields=["decision", "status", "updated_at"])
        audit.record(
            "complaints.coordinate",
            actor=user,
            office=complaint.office_id,
            obj=complaint,
            role=task.role,
            data={
                "ticket": complaint.ticket,
                "task": task.pk,
                "decides": decides,
                "partner": task.partner,
            },
        )
    return complaint


def _may_answer(user, complaint):
    if is_handler(user, complaint.office):
        return True
    # Heavy: "disampaikan secara langsung" — the Kepala Dinas may convey the result.
    return complaint.weight == BERAT and acts_as(user, KEPALA_DINAS, complaint.office)


def message_context(complaint):
    office = complaint.office
    return {
        "ref": complaint.ticket,
        "name": complaint.name or "Bapak/Ibu",
        "office_name": office.name,
        "office_short": office.code.upper(),
        "ticket": complaint.ticket,
        "tracking_code": complaint.tracking_code,
        "subject": complaint.subject,
        "answer": complaint.answer,
        "track_url": settings.SITE_URL
        + reverse("complaints:track")
        + "?"
        + urlencode({"ticket": complaint.ticket, "code": complaint.tracking_code}),
    }


def answer(complaint, user, text):
    """Record the answer; email and web answers go out and are delivered at once."""
    text = (text or "").strip()
    if not text:
        raise Invalid(_("Tuliskan jawaban."), {"answer": _("Wajib diisi.")})
    with transaction.atomic():
        complaint = _locked(complaint)
        if not _may_answer(user, complaint):
            raise NotAllowed(_("Jawaban dicatat oleh pengelola pengaduan."))
        if not complaint.weight:
            raise Conflict(_("Tetapkan bobot pengaduan sebelum menjawab."))
        if complaint.status == Complaint.COORDINATING:
            raise Conflict(_("Koordinasi belum selesai; jawaban menunggu keputusan pimpinan."))
        if complaint.status in (Complaint.ANSWERED, Complaint.CLOSED):
            raise Conflict(_("Pengaduan ini sudah dijawab."))
        now = timezone.now()
        complaint.answer = text
        complaint.answered_at = now
        complaint.answered_by = user
        complaint.status = Complaint.ANSWERED
        complaint.save(
            update_fields=["answer", "answered_at", "answered_by", "status", "updated_at"]
        )
        _event(complaint, Event.ANSWERED, user, now, text=text)
        audit.record(
            "complaints.answer",
            actor=user,
            office=complaint.office_id,
            obj=complaint,
            role=PENGELOLA_PENGADUAN if is_handler(user, complaint.office) else KEPALA_DINAS,
            data={"ticket": complaint.ticket, "channel": complaint.channel},
        )
        office = complaint.office
        context = message_context(complaint)
        if complaint.channel == EMAIL:
            outgoing.queue_message(
                office,
                "email",
                complaint.email,
                "complaint_answer",
                context,
                f"complaint:{complaint.pk}:answer",
                **outgoing.naming(complaint),
                language=complaint.language,
            )
            _deliver(
                complaint,
                user,
                "email",
                _("Dikirim ke %(to)s melalui kotak keluar.") % {"to": complaint.email},
                now,
            )
        elif complaint.channel == INTERNET:
            sent = []
            if complaint.email:
                outgoing.queue_message(
                    office,
                    "email",
                    complaint.email,
                    "complaint_answer",
                    context,
                    f"complaint:{complaint.pk}:answer:email",
                    **outgoing.naming(complaint),
                    language=complaint.language,
                )
                sent.append("email")
            if complaint.phone:
                outgoing.queue_message(
                    office,
                    "sms",
                    complaint.phone,
                    "complaint_answer",
                    context,
                    f"complaint:{complaint.pk}:answer:sms",
                    **outgoing.naming(complaint),
                    language=complaint.language,
                )
                sent.append("sms")
            note = _("Jawaban ditampilkan pada halaman lacak pengaduan.")
            if sent:
                note += " " + _("Pemberitahuan dikirim melalui: %(via)s.") % {
                    "via": ", ".join(sent)
                }
            _deliver(complaint, user, "halaman_lacak", note, now)
    return complaint


def _deliver(complaint, user, method, note, now):
    complaint.delivery_method = method
    complaint.delivery_note = note
    complaint.delivered_at = now
    complaint.delivered_by = user
    complaint.closed_at = now
    complaint.status = Complaint.CLOSED
    complaint.save(
        update_fields=[
            "delivery_method",
            "delivery_note",
            "delivered_at",
            "delivered_by",
            "closed_at",
            "status",
            "updated_at",
        ]
    )
    _event(complaint, Event.DELIVERED, user, now, text=note, details={"method": method})
    audit.record(
        "complaints.deliver_answer",
        actor=user,
        office=complaint.office_id,
        obj=complaint,
        role=PENGELOLA_PENGADUAN if is_handler(user, complaint.office) else KEPALA_DINAS,
        data={"ticket": complaint.ticket, "method": method},
    )
    _register(complaint, user, now, "selesai", complaint.office.calendar())


def delivery_methods(complaint):
    methods = list(DELIVERY_METHODS[complaint.channel])
    if complaint.channel == SURAT and not complaint.phone:
        methods.remove("telepon")
    return methods


def record_delivery(complaint, user, method, note):
    """Record that the answer reached the complainant: the complaint closes."""
    note = (note or "").strip()
    with transaction.atomic():
        complaint = _locked(complaint)
        if not _may_answer(user, complaint):
            raise NotAllowed(_("Penyampaian jawaban dicatat oleh pengelola pengaduan."))
        if complaint.status != Complaint.ANSWERED:
            raise Conflict(_("Belum ada jawaban yang menunggu disampaikan."))
        allowed = delivery_methods(complaint)
        errors = {}
        if method not in allowed:
            errors["method"] = _("Jawaban pengaduan ini disampaikan melalui: %(m)s.") % {
                "m": ", ".join(str(METHOD_LABELS[m]) for m in allowed)
            }
        if not note:
            errors["note"] = _("Catat kapan dan kepada siapa jawaban disampaikan.")
        if errors:
            raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
        _deliver(complaint, user, method, note, timezone.now())
    return complaint


def add_message(complaint, text, uploads=(), *, source="email", details=None):
    """A follow-up from the complainant (a reply email): kept with the complaint."""
    judged, problems = _judge(list(uploads))
    stored = []
    try:
        with transaction.atomic():
            _store_attachments(complaint, judged, stored)
            _event(
                complaint,
                Event.MESSAGE,
                None,
                timezone.now(),
                text=text[:MAX_DESCRIPTION],
                details={"source": source, "rejected": problems, **(details or {})},
            )
            audit.record(
                "complaints.add_message",
                actor=None,
                office=complaint.office_id,
                obj=complaint,
                data={"ticket": complaint.ticket, "source": source, "attachments": len(judged)},
            )
    except BaseException:
        remove_private(stored)
        raise


# --- the monthly report: compiled by the clerk, reviewed by the Sekretaris -----


def compile_report(office, user, year, month, note=""):
    """Compile (or recompile after a return) a month's report as its next version."""
    if not is_handler(user, office):
        raise NotAllowed(_("Laporan pengaduan disusun oleh pengelola pengaduan."))
    if not (1 <= int(month) <= 12) or not (2000 <= int(year) <= 2100):
        raise Invalid(_("Bulan laporan tidak valid."), {"month": _("Pilih bulan dan tahun.")})
    with transaction.atomic():
        report, _created = MonthlyReport.objects.select_for_update().get_or_create(
            office=office, year=int(year), month=int(month)
        )
        if report.status in (MonthlyReport.SUBMITTED, MonthlyReport.APPROVED):
            raise Conflict(_("Laporan ini sedang diperiksa atau sudah disetujui."))
        number = report.versions.count() + 1
        ReportVersion.objects.create(
            report=report,
            number=number,
            data=month_figures(office, int(year), int(month)),
            note=(note or "").strip(),
            compiled_at=timezone.now(),
            compiled_by=user,
        )
        report.status = MonthlyReport.DRAFT
        report.save(update_fields=["status"])
        audit.record(
            "complaints.compile_report",
            actor=user,
            office=office,
            obj=report,
            role=PENGELOLA_PENGADUAN,
            data={"year": report.year, "month": report.month, "version": number},
        )
    return report


def submit_report(report, user):
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if not is_handler(user, report.office):
            raise NotAllowed(_("Laporan pengaduan diajukan oleh pengelola pengaduan."))
        if report.status != MonthlyReport.DRAFT:
            raise Conflict(_("Hanya laporan yang baru disusun yang dapat diajukan."))
        report.status = MonthlyReport.SUBMITTED
        report.save(update_fields=["status"])
        audit.record(
            "complaints.submit_report",
            actor=user,
            office=report.office_id,
            obj=report,
            role=PENGELOLA_PENGADUAN,
            data={"year": report.year, "month": report.month},
        )
    return report


def review_report(report, user, decision, notes=""):
    """The Sekretaris approves the submitted version, or returns it with notes."""
    notes = (notes or "").strip()
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if not acts_as(user, SEKRETARIS, report.office):
            raise NotAllowed(_("Laporan pengaduan diperiksa oleh Sekretaris."))
        if report.status != MonthlyReport.SUBMITTED:
            raise Conflict(_("Laporan ini tidak sedang menunggu pemeriksaan."))
        if decision not in (ReportReview.APPROVE, ReportReview.RETURN):
            raise Invalid(_("Pilih setujui atau kembalikan."), {"decision": _("Wajib dipilih.")})
        if decision == ReportReview.RETURN and not notes:
            raise Invalid(_("Tuliskan apa yang harus diperbaiki."), {"notes": _("Wajib diisi.")})
        now = timezone.now()
        ReportReview.objects.create(
            version=report.latest, decision=decision, notes=notes, at=now, by=user
        )
        if decision == ReportReview.APPROVE:
            report.status = MonthlyReport.APPROVED
            report.approved_at = now
            report.approved_by = user
        else:
            report.status = MonthlyReport.RETURNED
        report.save(update_fields=["status", "approved_at", "approved_by"])
        audit.record(
            "complaints.review_report",
            actor=user,
            office=report.office_id,
            obj=report,
            role=SEKRETARIS,
            data={"year": report.year, "month": report.month, "decision": decision},
        )
    return report


def acknowledge_report(report, user):
    """The Kepala Dinas marks the approved monthly report as received."""
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if not acts_as(user, KEPALA_DINAS, report.office):
            raise NotAllowed(_("Laporan bulanan diterima oleh Kepala Dinas."))
        if report.status != MonthlyReport.APPROVED or report.received_by_head_at:
            raise Conflict(_("Laporan ini tidak menunggu diterima."))
        report.received_by_head_at = timezone.now()
        report.save(update_fields=["received_by_head_at"])
        audit.record(
            "complaints.acknowledge_report",
            actor=user,
            office=report.office_id,
            obj=report,
            role=KEPALA_DINAS,
            data={"year": report.year, "month": report.month},
        )
    return report


def quarantine_email(office, raw, reason, *, source, reference="", sender="", subject=""):
    """Keep an inbound email that could not be read, whole, with the reason, for the
    complaint clerk; a message already kept (same bytes) is not kept twice."""
    digest = hashlib.sha256(raw).hexdigest()
    with transaction.atomic():
        kept, created = QuarantinedEmail.objects.get_or_create(
            office=office,
            sha256=digest,
            defaults={
                "source": source,
                "reference": reference[:300],
                "sender": sender[:300],
                "subject": subject[:300],
                "reason": reason[:2000],
                "raw": raw,
            },
        )
        if created:
            audit.record(
                "complaints.quarantine_email",
                actor=None,
                office=office,
                obj=kept,
                data={"source": source, "sha256": digest},
            )
    return kept
