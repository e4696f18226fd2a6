"""Every write of the permits app: filing, the SOP steps, returns and resubmission.

Views and the API parse input, then call one of these functions. Each runs in one
transaction, so a file is never left half-moved: the step's task, the control card
and the file's state change together or not at all.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from loket import audit
from loket.accounts.actions import register_applicant
from loket.accounts.models import Applicant
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import PEMOHON, acts_as, role_label
from loket.core.sequences import next_in_sequence
from loket.core.storage import remove_private, store_private
from loket.lib.tracking import new_tracking_code
from loket.lib.uploads import UploadRejected, judge_upload
from loket.permits import drafts, engine, issuance, issuance_signing, messages, signals, step_kinds
from loket.permits.models import (
    Application,
    Approval,
    ControlCardEntry,
    Document,
    Draft,
    Permit,
    Task,
)
from loket.standards import validity
from loket.standards.answers import clean_answers


@dataclass
class Upload:
    """A file as received from a form or the API, before it is judged."""

    requirement: str
    name: str
    data: bytes


@dataclass
class Filing:
    """What an applicant (or the Front Office for them) files."""

    kind: str
    # Raw answers to the standard's form, by field key (checked by the action).
    answers: dict = field(default_factory=dict)
    uploads: list = field(default_factory=list)


def _judge_uploads(spec, kind, uploads, require_all, settings_max_total):
    """Check every upload; collect every problem, keyed by requirement code."""
    errors = {}
    known = {r.code: r for r in spec.requirements_for(kind)}
    judged = []
    total = 0
    for up in uploads:
        req = known.get(up.requirement)
        if req is None:
            errors[up.requirement] = _("Persyaratan ini tidak dikenal untuk permohonan ini.")
            continue
        try:
            file_kind = judge_upload(
                up.data,
                allowed=req.file_types,
                max_bytes=int(req.max_mb * 1024 * 1024),
                name=up.name,
            )
        except UploadRejected as exc:
            errors[up.requirement] = str(exc.args[0])
            continue
        total += len(up.data)
        judged.append((up, file_kind))
    if total > settings_max_total:
        errors["__all__"] = _(
            "Total ukuran berkas melebihi %(mb)d MB. Perkecil hasil pindaian lalu unggah lagi."
        ) % {"mb": settings_max_total // (1024 * 1024)}
    if require_all:
        given = {up.requirement for up in uploads}
        for req in known.values():
            if req.mandatory and req.code not in given and req.code not in errors:
                errors[req.code] = _("Dokumen ini wajib diunggah: %(name)s.") % {"name": req.name}
    return judged, errors


def _store_documents(application, judged, user, round_no):
    """Store judged uploads; returns the stored names so a failure can remove them."""
    stored = []
    for up, file_kind in judged:
        name, digest = store_private(up.data, file_kind)
        stored.append(name)
        Document.objects.filter(
            application=application, requirement=up.requirement, replaced=False
        ).update(replaced=True)
        Document.objects.create(
            application=application,
            requirement=up.requirement,
            kind=file_kind,
            stored_name=name,
            original_name=up.name[:255],
            size=len(up.data),
            sha256=digest,
            round=round_no,
            uploaded_by=user,
        )
    return stored


def online_applicant(office, user):
    """The applicant profile `user` files under in `office`; refused if not registered."""
    applicant = (
        Applicant.objects.filter(user=user, office=office).first()
        if user.is_authenticated
        else None
    )
    if applicant is None:
        raise NotAllowed(_("Daftar sebagai pemohon terlebih dahulu."))
    return applicant


def file_online(service, applicant, filing):
    """The applicant files for themself: the web form and the API both come here."""
    return file_application(
        version=service.current,
        applicant=applicant,
        filing=filing,
        user=applicant.user,
        channel=Application.ONLINE,
        max_total_bytes=settings.APPLICATION_MAX_BYTES,
    )


def check_online_filing(service, applicant, filing):
    """Whether `file_online` would accept this filing, storing nothing: the
    check-your-answers page judges answers and uploads before the applicant confirms.
    Raises what `file_online` would raise."""
    if applicant.user_id is None or applicant.office_id != service.office_id:
        raise NotAllowed(_("Pemohon terdaftar di instansi lain."))
    _judge_filing(service.current.spec, filing, settings.APPLICATION_MAX_BYTES)


def _judge_filing(spec, filing, max_total_bytes):
    """The filing's cleaned answers and judged uploads, or Invalid with every problem."""
    if spec.kind(filing.kind) is None:
        raise Invalid(
            _("Jenis permohonan tidak dikenal."),
            {
                "kind": _("Pilih salah satu: %(kinds)s.")
                % {"kinds": ", ".join(k.name for k in spec.kinds)}
            },
        )
    answers, answer_errors = clean_answers(spec.form, filing.kind, filing.answers)
    judged, errors = _judge_uploads(spec, filing.kind, filing.uploads, True, max_total_bytes)
    errors = {**answer_errors, **errors}
    if errors:
        raise Invalid(
            _("Berkas belum dapat diterima. Perbaiki yang ditandai lalu kirim lagi."), errors
        )
    return answers, judged


def file_application(*, version, applicant, filing, user, channel, max_total_bytes):
    """File a new application: step 1 (submission) is done, step 2 opens.

    Online the applicant files for themself; at the counter the Front Office files
    for a walk-in applicant. Every upload is judged first; if any is refused nothing
    is stored and every problem is reported at once.
    """
    spec = version.spec
    office = version.service.office
    if channel == Application.COUNTER and not acts_as(user, spec.steps[0].role, office):
        raise NotAllowed(
            _("Hanya %(role)s yang dapat menerima berkas di loket.")
            % {"role": role_label(spec.steps[0].role)}
        )
    if channel == Application.ONLINE and (
        applicant.user_id is None or applicant.user_id != user.pk
    ):
        raise NotAllowed(_("Anda hanya dapat mengajukan permohonan atas nama Anda sendiri."))
    if applicant.office_id != office.pk:
        raise NotAllowed(_("Pemohon terdaftar di instansi lain."))
    answers, judged = _judge_filing(spec, filing, max_total_bytes)
    first = spec.steps[0]

    stored = []
    try:
        with transaction.atomic():
            now = timezone.now()
            calendar = office.calendar()
            year = timezone.localtime(now).year
            seq = next_in_sequence(office, f"reg:{version.service.code}", year)
            application = Application(
                office=office,
                version=version,
                applicant=applicant,
                kind=filing.kind,
                channel=channel,
                reg_number=f"{version.service.code.upper()}-{year}-{seq:05d}",
                tracking_code=new_tracking_code(),
                filed_at=now,
                due_at=engine.due_at(spec, now, calendar),
                created_by=user,
            )
            application.set_answers(answers)
            application.save(force_insert=True)
            stored = _store_documents(application, judged, user, 1)
            # The receipt carries the survey link (loket.surveys listens).
            signals.application_filed.send(Application, application=application)
            task = engine.open_task(application, first, now, calendar)
            role = PEMOHON if channel == Application.ONLINE else first.role
            engine.card_line(application, task, ControlCardEntry.FILED, user, now, role=role)
            engine.close_task(application, task, user, now, calendar, Task.DONE)
            audit.record(
                "permits.file_application",
                actor=user,
                office=office,
                obj=application,
                role=role,
                data={
                    "reg_number": application.reg_number,
                    "channel": channel,
                    "kind": filing.kind,
                    "documents": len(judged),
                },
            )
        return application
    except BaseException:
        remove_private(stored)
        raise


def file_at_counter(*, version, identity, filing, user, max_total_bytes):
    """The Front Office registers (or finds) a walk-in applicant and files their
    application, in one transaction: a refused upload leaves neither the applicant nor
    its audit event behind. The counter page and the API both call this."""
    with transaction.atomic():
        applicant = register_applicant(version.service.office, identity, by=user)
        return file_application(
            version=version,
            applicant=applicant,
            filing=filing,
            user=user,
            channel=Application.COUNTER,
            max_total_bytes=max_total_bytes,
        )


def open_task_for(application, step_no=None):
    task = application.tasks.filter(closed_at__isnull=True).first()
    if task is None or (step_no is not None and task.step_no != step_no):
        return None
    return task


def _check_can_act(application, user, step_no):
    """The caller must hold the current step's role in the file's office.

    A stale step number is reported first: an officer who loaded the page before a
    colleague finished the step should hear "already done", not "not your role".
    """
    if step_no is not None and step_no != application.current_step:
        raise Conflict(
            _(
                "Berkas sudah tidak berada di langkah %(no)s (sekarang langkah %(now)s). "
                "Muat ulang halaman."
            )
            % {"no": step_no, "now": application.current_step}
        )
    step = application.spec.step(application.current_step)
    if not acts_as(user, step.role, application.office):
        raise NotAllowed(
            _("Langkah ini dikerjakan oleh %(role)s.") % {"role": role_label(step.role)}
        )
    task = open_task_for(application, step.no)
    if task is None:
        raise Conflict(_("Langkah ini tidak sedang terbuka. Muat ulang halaman."))
    return step, task


def receive_file(application, user, step_no=None):
    """The officer of the current step initials receipt of the file (kartu kendali)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        step, task = _check_can_act(application, user, step_no)
        now = timezone.now()
        claimed = Task.objects.filter(pk=task.pk, received_at__isnull=True).update(
            received_at=now, received_by=user
        )
        if claimed:
            engine.card_line(application, task, ControlCardEntry.RECEIVED, user, now)
            audit.record(
                "permits.receive_file",
                actor=user,
                office=application.office_id,
                obj=application,
                role=step.role,
                data={"step_no": step.no},
            )
    return task


def complete_step(application, user, step_no=None, **payload):
    """Complete the file's current step as `user`; the step's kind decides the work."""
    files = []
    try:
        with transaction.atomic():
            # Lock the file's row only: FOR UPDATE over the join would lock the office
            # row too, which every audit event of the office needs (its foreign key),
            # while we wait for the audit head: a deadlock with the outbox worker.
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("version", "office")
                .get(pk=application.pk)
            )
            step, task = _check_can_act(application, user, step_no)
            now = timezone.now()
            calendar = application.office.calendar()
            details = step_kinds.get(step.kind).run(application, step, user, now, files, **payload)
            engine.close_task(application, task, user, now, calendar, Task.DONE, details or {})
            audit.record(
                "permits.complete_step",
                actor=user,
                office=application.office,
                obj=application,
                role=step.role,
                data={
                    "step_no": step.no,
                    "step_kind": step.kind,
                    "number": (details or {}).get("number"),
                },
            )
    except BaseException as exc:
        # Files a step wrote (a draft) must not outlive a rolled-back step.
        remove_private(files)
        if isinstance(exc, IntegrityError):
            # Two officers raced past the row lock (a database without SELECT FOR UPDATE).
            raise Conflict(_("Langkah ini baru saja diselesaikan oleh petugas lain.")) from exc
        raise
    return application
    # Two officers raced past the row lock (databases without SELECT FOR UPDATE).


def return_to_applicant(application, user, problems, note="", step_no=None):
    """The check step sends an incomplete file back with the list of what to fix."""
    problems = {code: text.strip() for code, text in problems.items() if text and text.strip()}
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        step, task = _check_can_act(application, user, step_no)
        if not step.returns_to_applicant:
            raise Invalid(_("Berkas tidak dapat dikembalikan pada langkah ini."))
        known = {r.code: r.name for r in application.spec.requirements_for(application.kind)}
        unknown = [c for c in problems if c not in known and c != "lainnya"]
        if unknown or not (problems or note.strip()):
            raise Invalid(
                _("Tuliskan apa yang harus diperbaiki pemohon pada persyaratan yang kurang."),
                {c: _("Persyaratan tidak dikenal.") for c in unknown},
            )
        application.to_fix = [
            {"requirement": c, "name": known.get(c, _("Lainnya")), "problem": t}
            for c, t in problems.items()
        ] + (
            [{"requirement": "", "name": _("Catatan"), "problem": note.strip()}]
            if note.strip()
            else []
        )
        now = timezone.now()
        engine.close_task(
            application,
            task,
            user,
            now,
            application.office.calendar(),
            Task.RETURNED,
            {"to_fix": application.to_fix},
        )
        returns = application.card_entries.filter(event=ControlCardEntry.RETURNED).count()
        messages.file_returned(application, returns)
        audit.record(
            "permits.return_to_applicant",
            actor=user,
            office=application.office_id,
            obj=application,
            role=step.role,
            data={"step_no": step.no, "requirements": sorted(problems), "returns": returns},
        )
    return application


def resubmit(application, user, uploads, max_total_bytes):
    """The applicant sends the fixed file back; it re-enters the check step."""
    if application.applicant.user_id != user.pk and not acts_as(
        user, application.spec.steps[0].role, application.office
    ):
        raise NotAllowed(_("Hanya pemohon atau petugas loket yang dapat mengirim ulang berkas."))
    spec = application.spec
    judged, errors = _judge_uploads(spec, application.kind, uploads, False, max_total_bytes)
    if errors:
        raise Invalid(
            _("Berkas belum dapat diterima. Perbaiki yang ditandai lalu kirim lagi."), errors
        )
    stored = []
    try:
        with transaction.atomic():
            application = Application.objects.select_for_update().get(pk=application.pk)
            if application.status != Application.RETURNED:
                raise Conflict(_("Berkas ini tidak sedang menunggu perbaikan."))
            rounds = application.card_entries.filter(event=ControlCardEntry.RESUBMITTED).count()
            stored = _store_documents(application, judged, user, rounds + 2)
            now = timezone.now()
            calendar = application.office.calendar()
            step = spec.step(application.current_step)
            task = engine.open_task(application, step, now, calendar)
            engine.card_line(
                application,
                task,
                ControlCardEntry.RESUBMITTED,
                user,
                now,
                role=PEMOHON,
                details={"replaced": [up.requirement for up, _k in judged]},
            )
            # The service time counts from the complete file, so the clock restarts.
            application.status = Application.PROCESSING
            application.to_fix = []
            application.due_at = engine.due_at(spec, now, calendar)
            application.save(update_fields=["status", "to_fix", "due_at"])
            audit.record(
                "permits.resubmit",
                actor=user,
                office=application.office_id,
                obj=application,
                role=PEMOHON if application.applicant.user_id == user.pk else spec.steps[0].role,
                data={"replaced": [up.requirement for up, _k in judged]},
            )
        return application
    except BaseException:
        remove_private(stored)
        raise


# --- step kinds: one function each; the YAML names the kind of every step -----


def _check(application, step, user, now, files, checked=(), **_ignored):
    needed = [r for r in application.spec.requirements_for(application.kind) if r.mandatory]
    present = set(
        application.documents.filter(replaced=False).values_list("requirement", flat=True)
    )
    missing = [r for r in needed if r.code not in present]
    unticked = [r for r in needed if r.code not in set(checked)]
    if missing or unticked:
        errors = {
            r.code: _("Belum diperiksa atau belum ada: %(name)s.") % {"name": r.name}
            for r in missing + unticked
        }
        raise Invalid(
            _(
                "Centang setiap persyaratan yang lengkap dan benar; "
                "jika ada yang kurang, kembalikan berkas ke pemohon."
            ),
            errors,
        )
    return {"checked": sorted(set(checked))}


def _draft(application, step, user, now, files, **_ignored):
    pdf = drafts.render_draft(application)
    name, digest = store_private(pdf, "pdf")
    files.append(name)
    draft = Draft.objects.create(
        application=application, stored_name=name, sha256=digest, created_by=user
    )
    return {"draft_sha256": draft.sha256}


def _latest_draft(application):
    """The draft initials and the signature bind to; None if the SOP prints no draft."""
    draft = application.drafts.first()
    if draft is None and application.spec.first_step_of_kind("draft") is not None:
        raise Invalid(_("Belum ada draf izin (blanko) untuk diparaf."))
    return draft


def _initial(application, step, user, now, files, **_ignored):
    draft = _latest_draft(application)
    digest = draft.sha256 if draft else ""
    Approval.objects.create(
        application=application,
        step_no=step.no,
        kind=Approval.INITIAL,
        draft=draft,
        draft_sha256=digest,
        officer=user,
        at=now,
    )
    return {"draft_sha256": digest}


def _sign(
    application,
    step,
    user,
    now,
    files,
    document_sha256="",
    secret=None,
    capacity="",
    confirmed=False,
    **_ignored,
):
    """The Kepala Dinas's own electronic signature, with the secret only they hold."""
    draft = _latest_draft(application)
    # Initials count only on this exact draft; a redraft sends the file back to step 4.
    issuance.check_initials(application, draft)
    return issuance_signing.sign_document(
        application,
        step,
        user,
        now,
        files,
        document_sha256=document_sha256,
        secret=secret,
        capacity=capacity,
        confirmed=confirmed,
    )


def format_number(pattern, seq, at):
    local = timezone.localtime(at)
    return pattern.format(seq=seq, year=local.year, month=local.month)


def _number(application, step, user, now, files, **_ignored):
    year = timezone.localtime(now).year
    code = application.version.service.code
    seq = next_in_sequence(application.office, f"permit:{code}", year)
    number = format_number(application.spec.data.get("number_format", "{seq}/{year}"), seq, now)
    Permit.objects.create(
        application=application,
        office=application.office,
        number=number,
        year=year,
        seq=seq,
        numbered_at=now,
        valid_until=validity.valid_until(
            application.spec.validity, timezone.localtime(now).date(), application.all_answers()
        ),
        # Fixed at step 7: the QR code the Kepala Dinas signed points at it.
        verify_code=issuance_signing.current_act(application).verify_code,
    )
    # Filled in and timestamped here, in the numbering transaction: see issuance.py.
    issuance.issue_permit(application, application.permit, user, now, files)
    messages.permit_ready(application, application.permit)
    application.status = Application.READY
    application.completed_at = now
    application.save(update_fields=["status", "completed_at"])
    return {"number": number}


def _handover(application, step, user, now, files, received_by="", proxy=None, **_ignored):
    return issuance.record_collection(application, user, now, files, received_by, proxy)


def _submission(application, step, user, now, files, **_ignored):
    raise Conflict(_("Langkah pengajuan selesai saat berkas diajukan."))


# The engine's step kinds (loket.permits.step_kinds): function, button, template.
step_kinds.register("submission", _submission, _lazy("Selesaikan langkah"))
step_kinds.register(
    "check", _check, _lazy("Lengkap — teruskan"), partial="permits/steps/check.html"
)
step_kinds.register("draft", _draft, _lazy("Cetak blanko"))
step_kinds.register("initial", _initial, _lazy("Paraf draf"))
step_kinds.register(
    "sign",
    _sign,
    _lazy("Periksa dan tandatangani secara elektronik"),
    partial="permits/steps/sign.html",
    url_name="issuance:sign",
)
step_kinds.register("number", _number, _lazy("Beri nomor izin"))
step_kinds.register(
    "handover",
    _handover,
    _lazy("Serahkan izin"),
    partial="permits/steps/handover.html",
    url_name="issuance:collect",
    multipart=True,
)
