"""Issuing a permit you can verify: the signed PDF, collection, revocation, the letter.

The signature is the Kepala Dinas's own act at step 7 (issuance_signing.sign_document,
with a secret only they hold); step 8 numbers the permit in the same transaction that
fills the number into the signed document and timestamps it
(issuance_signing.finish_permit). No number is taken without an issued file and no file
is issued without a number: either both commit or neither does. See docs/issuance.md.
"""

import calendar
import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import BACK_OFFICE, KEPALA_DINAS, PEMOHON, acts_as
from loket.core.storage import read_private, remove_private, store_private
from loket.lib.pdf import render_record_pdf
from loket.lib.signing import pdf_sha256
from loket.lib.uploads import UploadRejected, judge_upload
from loket.permits import drafts, engine, issuance_signing
from loket.permits.models import Application, Approval, ControlCardEntry, Draft, Permit, Task

COUNTER, PROXY, ONLINE = "counter", "proxy", "online"
VALID, EXPIRED = "valid", "expired"


def verify_url(permit):
    return settings.SITE_URL + reverse("verify", args=[permit.verify_code])


# --- initials bound to the exact draft ------------------------------------------


def _initial_steps(application):
    return [s.no for s in application.spec.steps if s.kind == "initial"]


def check_initials(application, draft):
    """Every initial step must have initialled *this* draft; older initials do not count."""
    done = set(
        application.approvals.filter(
            kind=Approval.INITIAL, draft_sha256=draft.sha256 if draft else ""
        ).values_list("step_no", flat=True)
    )
    missing = [no for no in _initial_steps(application) if no not in done]
    if missing:
        raise Conflict(
            _(
                "Draf berubah setelah diparaf; paraf langkah %(steps)s harus diulang. "
                "Back Office mencetak ulang draf, berkas kembali ke langkah paraf pertama."
            )
            % {"steps": ", ".join(map(str, missing))}
        )


def regenerate_draft(application, user, reason):
    """Back Office prints a corrected draft; the file returns to the first initial step.

    Earlier initials were made on another hash, so they no longer count
    (:func:`check_initials`); the control card records why the file went back.
    """

    reason = (reason or "").strip()
    if not reason:
        raise Invalid(_("Tuliskan alasan draf dicetak ulang."), {"reason": _("Wajib diisi.")})
    files = []
    try:
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("version", "office")
                .get(pk=application.pk)
            )
            if not acts_as(user, BACK_OFFICE, application.office):
                raise NotAllowed(_("Hanya Back Office yang mencetak ulang draf."))
            kinds = {"initial", "sign"}
            if not application.is_open or application.step.kind not in kinds:
                raise Conflict(_("Draf hanya dapat dicetak ulang selama paraf dan tanda tangan."))
            task = application.tasks.get(closed_at__isnull=True)
            now = timezone.now()
            pdf = drafts.render_draft(application)
            name, digest = store_private(pdf, "pdf")
            files.append(name)
            Draft.objects.create(
                application=application, stored_name=name, sha256=digest, created_by=user
            )
            Task.objects.filter(pk=task.pk).update(
                closed_at=now, closed_by=user, outcome=Task.RETURNED
            )
            first = application.spec.step(_initial_steps(application)[0])
            engine.card_line(
                application,
                task,
                ControlCardEntry.REDRAFTED,
                user,
                now,
                details={"reason": reason, "draft_sha256": digest, "back_to_step": first.no},
            )
            application.current_step = first.no
            application.save(update_fields=["current_step"])
            engine.open_task(application, first, now, application.office.calendar())
            audit.record(
                "permits.regenerate_draft",
                actor=user,
                office=application.office_id,
                obj=application,
                role=BACK_OFFICE,
                data={"draft_sha256": digest, "back_to_step": first.no},
            )
        return application
    except BaseException:
        remove_private(files)
        raise


# --- numbering at step 8 -------------------------------------------------------


def issue_permit(application, permit, user, now, files):
    """Fill the number into the Kepala Dinas's signed document and make it long-term
    valid, inside step 8's transaction. ``files`` collects stored names so the caller
    removes them on rollback. Raises Invalid (and nothing is written) on failure."""
    act = issuance_signing.current_act(application)
    try:
        pdf = issuance_signing.finish_permit(
            act, permit.number, timezone.localtime(permit.numbered_at).date()
        )
    except issuance_signing.SigningUnavailable as exc:
        raise Invalid(
            _(
                "Izin tidak dapat diselesaikan: layanan cap waktu atau data pencabutan "
                "tidak tersedia."
            ),
            {"signing": str(exc)},
        ) from exc
    name, digest = store_private(pdf, "pdf")
    files.append(name)
    permit.stored_name = name
    permit.sha256 = digest
    permit.signed_at = act.signed_at
    permit.signed_by = act.approval.officer
    permit.save(update_fields=["stored_name", "sha256", "signed_at", "signed_by"])
    return permit


def signed_pdf(permit):
    return read_private(permit.stored_name)


# --- state seen by the public --------------------------------------------------


def permit_filename(permit):
    """The signed permit's file name: its number, whose slashes (503/DPMPTSP/...) no
    file name may hold, made safe."""
    return "izin-" + "".join(c if c.isalnum() else "-" for c in permit.number) + ".pdf"


def valid_until(permit):
    """The last day the permit is valid (None: for life), fixed when it was numbered."""
    return permit.valid_until


def permit_status(permit, today=None):
    return status_on(permit.status, valid_until(permit), today)


def status_on(status, until, today=None):
    """Valid, expired or revoked, from the permit's status and the end of its validity."""
    today = today or timezone.localdate()
    if status == Permit.REVOKED:
        return Permit.REVOKED
    if until is not None and until < today:
        return EXPIRED
    return VALID


def check_upload(permit, data, status=None):
    """Is ``data`` exactly the issued file, with a valid signature, and is the permit
    still in force? ``genuine`` is about the file; ``status`` says whether the permit
    is valid, expired or revoked, so a revoked permit is never a bare "genuine"."""
    same = bool(permit.sha256) and pdf_sha256(data) == permit.sha256
    verification = issuance_signing.verify(data)
    genuine = same and verification.valid
    status = status or VALID
    return {
        "genuine": genuine,
        "status": status,
        "in_force": genuine and status == VALID,
        "same_file": same,
        "signature_valid": verification.valid,
        "signer": verification.signer,
        "signed_at": verification.signed_at,
        "message": signature_message(verification),
    }


def signature_message(verification):
    """What the public reads about an uploaded file's signature, in the language of the
    request. The signing library's own message is technical English for the log; the
    signer's name is shown beside this, once."""
    if verification.valid:
        return _("Tanda tangan elektronik sah.")
    if verification.failure == "unreadable":
        return verification.message  # already the plain, translated sentence
    if verification.failure == "unsigned":
        return _("Berkas ini tidak memuat tanda tangan elektronik.")
    if verification.failure:
        return _("Tanda tangan elektronik pada berkas ini tidak dapat diperiksa.")
    problems = []
    if not verification.intact:
        problems.append(_("isi yang ditandatangani telah diubah atau tanda tangannya rusak"))
    if not verification.trusted:
        problems.append(_("sertifikat penanda tangan tidak dipercaya"))
    changed = any(c.changes_after not in ("none", "form_filling") for c in verification.signatures)
    if changed or not verification.covers_whole_file:
        problems.append(_("berkas diubah setelah ditandatangani"))
    if not problems:
        problems.append(_("tanda tangan tidak memenuhi kebijakan penandatanganan"))
    return _("Tanda tangan elektronik tidak sah: %(problems)s.") % {"problems": "; ".join(problems)}


# --- revocation -----------------------------------------------------------------


def revoke_permit(permit, user, reason):
    """The Kepala Dinas revokes a permit, with a reason; recorded on the control card."""

    reason = (reason or "").strip()
    if not acts_as(user, KEPALA_DINAS, permit.office):
        raise NotAllowed(_("Hanya Kepala Dinas yang dapat mencabut izin."))
    if not reason:
        raise Invalid(_("Tuliskan alasan pencabutan."), {"reason": _("Wajib diisi.")})
    with transaction.atomic():
        now = timezone.now()
        updated = (
            Permit.objects.filter(pk=permit.pk)
            .exclude(status=Permit.REVOKED)
            .update(status=Permit.REVOKED, revoked_at=now, revoke_reason=reason, revoked_by=user)
        )
        if not updated:
            raise Conflict(_("Izin ini sudah dicabut."))
        application = permit.application
        engine.card_line(
            application,
            None,
            ControlCardEntry.REVOKED,
            user,
            now,
            role=KEPALA_DINAS,
            step_no=application.current_step,
            details={"reason": reason, "number": permit.number},
        )
        audit.record(
            "permits.revoke_permit",
            actor=user,
            office=permit.office_id,
            obj=permit,
            role=KEPALA_DINAS,
            data={"number": permit.number, "application": application.pk},
        )
    permit.refresh_from_db()
    return permit


# --- collection (step 9) -------------------------------------------------------


def record_collection(application, user, now, files, received_by="", proxy=None):
    """Step 9 at the counter: who took the permit; a proxy needs a power of attorney.

    ``proxy`` is an upload (``.name``, ``.data``) of the power of attorney (surat kuasa).
    """
    # A service whose SOP issues no numbered permit still records who took the result.
    permit = getattr(application, "permit", None)
    holder = application.applicant.full_name
    received_by = (received_by or "").strip() or holder
    via = COUNTER
    if proxy is not None or received_by.casefold() != holder.casefold():
        if proxy is None:
            raise Invalid(
                _("Pengambilan oleh kuasa memerlukan surat kuasa yang diunggah."),
                {"proxy": _("Unggah surat kuasa (PDF atau foto).")},
            )
        try:
            kind = judge_upload(proxy.data, max_bytes=settings.UPLOAD_MAX_BYTES, name=proxy.name)
        except UploadRejected as exc:
            raise Invalid(str(exc.args[0]), {"proxy": str(exc.args[0])}) from exc
        name, _digest = store_private(proxy.data, kind)
        files.append(name)
        if permit is not None:
            permit.proxy_document = name
        via = PROXY
    if permit is not None:
        permit.collected_at = now
        permit.collected_by = received_by
        permit.collected_via = via
        permit.save(
            update_fields=["collected_at", "collected_by", "collected_via", "proxy_document"]
        )
    return {"received_by": received_by, "collected_via": via}


def collect_electronically(application, user):
    """The applicant downloads the signed permit: step 9 closes as collected online.

    Done on the applicant's behalf (the step's role is the counter's), so it does
    not go through ``complete_step``; the control card names the applicant.
    """

    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("version", "office", "applicant")
            .get(pk=application.pk)
        )
        if application.applicant.user_id != user.pk:
            raise NotAllowed(_("Hanya pemohon yang dapat mengambil izin secara elektronik."))
        permit = Permit.objects.select_for_update().get(application=application)
        if permit.collected_at is not None:
            return permit
        if application.status != Application.READY or application.step.kind != "handover":
            raise Conflict(_("Izin belum siap diambil."))
        task = application.tasks.get(closed_at__isnull=True)
        now = timezone.now()
        permit.collected_at = now
        permit.collected_by = application.applicant.full_name
        permit.collected_via = ONLINE
        permit.save(update_fields=["collected_at", "collected_by", "collected_via"])
        engine.close_task(
            application,
            task,
            user,
            now,
            application.office.calendar(),
            Task.DONE,
            {"received_by": permit.collected_by, "collected_via": ONLINE, "role": PEMOHON},
        )
        audit.record(
            "permits.collect_electronically",
            actor=user,
            office=application.office_id,
            obj=application,
            role=PEMOHON,
            data={"number": permit.number},
        )
    return permit


# --- the one-month letter --------------------------------------------------------


def one_month_after(day):
    """Same day next month, clamped to that month's end (31 Jan -> 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _start_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


#: Letters about a permit name it so in notify's letter table ("permits.permit:42").
LETTER_SUBJECT = "permits.permit:"


def letter_subject(permit_id):
    return f"{LETTER_SUBJECT}{permit_id}"


def permit_of_letter(subject):
    """The permit id a letter is about, or None for a letter about something else."""
    if not subject.startswith(LETTER_SUBJECT):
        return None
    tail = subject[len(LETTER_SUBJECT) :]
    return int(tail) if tail.isdigit() else None


def uncollected_permits(today):
    """Permits ready but not collected whose month ended before ``today``, without a letter."""
    from loket.notify.models import Letter

    has_letter = Letter.objects.filter(
        subject=Concat(Value(LETTER_SUBJECT), Cast(OuterRef("pk"), CharField()))
    )
    candidates = (
        Permit.objects.filter(
            application__status=Application.READY,
            collected_at__isnull=True,
            application__completed_at__isnull=False,
            # a cheap prefilter; the calendar-month rule is applied below
            application__completed_at__lt=_start_of(today - dt.timedelta(days=27)),
        )
        .exclude(Exists(has_letter))
        .select_related("application__applicant", "application__version__service", "office")
        .defer("application__version__data")  # the spec comes from the parsed cache
        .order_by("pk")
    )
    for permit in candidates:
        finished = timezone.localtime(permit.application.completed_at).date()
        due = one_month_after(finished)
        if due < today:
            yield permit, due


def _letter_number(office, today):
    """Take the next letter number of the office's year (inside the caller's transaction)."""
    from loket.core.sequences import next_in_sequence

    seq = next_in_sequence(office, "letter", today.year)
    return office.letter_number_format.format(seq=seq, year=today.year, month=today.month)


def send_uncollected_letters(today=None):
    """Make the notification letter of each uncollected permit (at most one each).

    The letter's number is taken in the transaction that writes the letter, so a
    letter that is not made (another run made it first) gives its number back.
    """
    from loket.notify.actions import create_letter

    today = today or timezone.localdate()
    made = []
    for permit, due in list(uncollected_permits(today)):
        application = permit.application
        files = []
        try:
            with transaction.atomic():
                number = _letter_number(permit.office, today)
                pdf = render_record_pdf(
                    "permits/letters/uncollected.html",
                    {
                        "permit": permit,
                        "application": application,
                        "applicant": application.applicant,
                        "office": permit.office,
                        "letter_number": number,
                        "finished": timezone.localtime(application.completed_at).date(),
                        "due": due,
                        "today": today,
                        "verify_url": verify_url(permit),
                    },
                )
                letter = create_letter(
                    permit.office,
                    subject=letter_subject(permit.pk),
                    pdf=pdf,
                    number=number,
                    reference=permit.number,
                    addressee=application.applicant.full_name,
                    address=application.applicant.address,
                    link=application.get_absolute_url(),
                    due_on=due,
                )
                files.append(letter.stored_name)
                audit.record(
                    "permits.send_uncollected_letter",
                    actor=None,
                    office=permit.office_id,
                    obj=letter,
                    data={"number": permit.number, "letter_number": number, "due_on": due},
                )
            made.append(letter)
        except IntegrityError:
            # Another run made this permit's letter first: one letter per permit.
            remove_private(files)
        except BaseException:
            remove_private(files)
            raise
    return made
