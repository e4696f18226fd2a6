"""Every write of the survey app: invitations, responses, follow-up plans, settings."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from loket import audit
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import FRONT_OFFICE, KEPALA_DINAS, SEKRETARIS, acts_as
from loket.permits.models import Application
from loket.surveys import ikm, kiosks, periods
from loket.surveys.models import (
    FollowUpItem,
    KioskDevice,
    SurveyInvitation,
    SurveyResponse,
    SurveySetting,
)

# Who registers and revokes kiosks, and reviews held responses.
KIOSK_ROLES = (FRONT_OFFICE, SEKRETARIS, KEPALA_DINAS)

FIELDS = tuple(code.lower() for code in ikm.ELEMENT_CODES)
ANSWER_FIELDS = (*FIELDS, "age", "sex", "education", "occupation", "comment")
DONE_STATUSES = (Application.READY, Application.COLLECTED)


def _token():
    return secrets.token_urlsafe(24)


def create_invitation(application):
    """The survey invitation of a completed file (created once; later calls return it).

    Notification code calls this when a file is completed and sends
    `invitation.public_url` to the applicant.
    """
    existing = SurveyInvitation.objects.filter(application=application).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                office_id=application.office_id,
                application=application,
                token=_token(),
                created_at=timezone.now(),
            )
            audit.record(
                "surveys.create_invitation",
                actor=None,
                office=application.office_id,
                obj=invitation,
                data={"application": application.pk},
            )
            return invitation
    except IntegrityError:
        return SurveyInvitation.objects.get(application=application)


def ensure_invitations(applications):
    """Invitations for finished files that have none yet (files finished before
    surveys existed, or whose notifier did not call `create_invitation`): one insert."""
    missing = [
        app
        for app in applications.filter(
            status__in=DONE_STATUSES, survey_invitation__isnull=True
        ).only("pk", "office_id")
    ]
    now = timezone.now()
    with transaction.atomic():
        SurveyInvitation.objects.bulk_create(
            [
                SurveyInvitation(
                    office_id=a.office_id, application=a, token=_token(), created_at=now
                )
                for a in missing
            ],
            ignore_conflicts=True,
        )
        for office_id in sorted({a.office_id for a in missing}):
            audit.record(
                "surveys.ensure_invitations",
                actor=None,
                office=office_id,
                data={"applications": sum(a.office_id == office_id for a in missing)},
            )
    return len(missing)


def clean_answers(data):
    """Validate a response's fields; return (cleaned, errors)."""
    errors = {}
    cleaned = {}
    answered = 0
    for field in FIELDS:
        value = data.get(field)
        if value in (None, ""):
            cleaned[field] = None
            continue
        try:
            score = int(value)
        except (TypeError, ValueError):
            score = 0
        if not ikm.MIN_SCORE <= score <= ikm.MAX_SCORE:
            errors[field] = _("Pilih salah satu jawaban.")
        else:
            cleaned[field] = score
            answered += 1
    if answered == 0 and not errors:
        errors["__all__"] = _("Jawab paling sedikit satu pertanyaan survei.")
    try:
        age = int(data.get("age"))
        if not 10 <= age <= 120:
            raise ValueError
        cleaned["age"] = age
    except (TypeError, ValueError):
        errors["age"] = _("Isi umur Anda dalam tahun (10–120).")
    for field in ("sex", "education", "occupation"):
        choices = dict(SurveyResponse._meta.get_field(field).choices)
        if data.get(field) not in choices:
            errors[field] = _("Pilih salah satu.")
        else:
            cleaned[field] = data[field]
    cleaned["comment"] = str(data.get("comment") or "").strip()[:2000]
    return cleaned, errors


def submit_by_token(token, data):
    """The applicant's one response for a completed file; a second use is refused."""
    cleaned, errors = clean_answers(data)
    with transaction.atomic():
        invitation = (
            SurveyInvitation.objects.select_for_update()
            .select_related("application__version")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise NotAllowed(_("Tautan survei tidak dikenal."))
        if invitation.application.status not in DONE_STATUSES:
            raise Conflict(
                _("Survei dapat diisi setelah izin Anda selesai diproses. Terima kasih.")
            )
        if invitation.used_at is not None:
            raise Conflict(
                _(
                    "Survei untuk permohonan ini sudah diisi pada %(at)s. "
                    "Terima kasih; setiap permohonan hanya dapat dinilai satu kali."
                )
                % {"at": timezone.localtime(invitation.used_at).strftime("%d/%m/%Y %H:%M")}
            )
        if errors:
            raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
        now = timezone.now()
        response = SurveyResponse.objects.create(
            office_id=invitation.office_id,
            service_id=invitation.application.version.service_id,
            invitation=invitation,
            channel=SurveyResponse.LINK,
            counted=True,
            submitted_at=now,
            **cleaned,
        )
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        audit.record(
            "surveys.submit_by_token",
            actor=audit.PUBLIC,
            office=invitation.office_id,
            obj=response,
            data={"invitation": invitation.pk},
        )
        _results_changed(invitation.office_id)
    return response


def _held_reason(device, cleaned, now):
    """Why a registered kiosk's response is held back: a burst, a duplicate, or not."""
    recent = SurveyResponse.objects.filter(device=device)
    burst_since = now - timedelta(minutes=settings.SURVEY_BURST_MINUTES)
    if recent.filter(submitted_at__gte=burst_since).count() + 1 >= settings.SURVEY_BURST_COUNT:
        return SurveyResponse.BURST
    duplicate_since = now - timedelta(minutes=settings.SURVEY_DUPLICATE_MINUTES)
    same = {field: cleaned[field] for field in ANSWER_FIELDS}
    if recent.filter(submitted_at__gte=duplicate_since, **same).exists():
        return SurveyResponse.DUPLICATE
    return ""


def submit_anonymous(service, data, channel=SurveyResponse.KIOSK, device=None):
    """A kiosk or QR response tied to no file.

    From a registered kiosk (`device`, an active one of the service's office) it counts,
    unless it comes in a burst or repeats an answer just given there: then it is held
    for an officer's review. Without a device it is kept apart and never counted: a
    stranger's form posts cannot move the IKM.
    """
    if channel not in (SurveyResponse.KIOSK, SurveyResponse.QR):
        raise Invalid(_("Saluran survei tidak dikenal."))
    cleaned, errors = clean_answers(data)
    if errors:
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
    if device is not None and (device.office_id != service.office_id or not device.active):
        device = None
    now = timezone.now()
    with transaction.atomic():
        if device is not None:
            device = KioskDevice.objects.select_for_update().get(pk=device.pk)
            held = _held_reason(device, cleaned, now)
            device.last_used_at = now
            device.save(update_fields=["last_used_at"])
            channel = SurveyResponse.KIOSK
        else:
            held = SurveyResponse.ANONYMOUS
        response = SurveyResponse.objects.create(
            office_id=service.office_id,
            service=service,
            channel=channel,
            device=device,
            counted=not held,
            held=held,
            submitted_at=now,
            **cleaned,
        )
        audit.record(
            "surveys.submit_anonymous",
            actor=audit.PUBLIC,
            office=service.office_id,
            obj=response,
            data={
                "service": service.code,
                "channel": channel,
                "device": device.pk if device else None,
                "held": held,
            },
        )
        if response.counted:
            _results_changed(service.office_id)
    return response


def _may_manage_kiosks(user, office):
    return any(acts_as(user, role, office) for role in KIOSK_ROLES)


def _kiosk_role(user, office):
    return next(role for role in KIOSK_ROLES if acts_as(user, role, office))


def register_kiosk(office, user, name):
    """Register the browser the officer is using as a counter kiosk of the office.

    Returns (device, token): the caller puts the token in the kiosk's cookie; only its
    hash is kept.
    """
    if not _may_manage_kiosks(user, office):
        raise NotAllowed(_("Hanya petugas loket atau pimpinan yang dapat mendaftarkan kios."))
    name = str(name or "").strip()[:100]
    if not name:
        raise Invalid(_("Beri nama perangkat ini."), {"name": _("Wajib diisi.")})
    token = kiosks.new_token()
    with transaction.atomic():
        device = KioskDevice.objects.create(
            office=office,
            name=name,
            token_hash=kiosks.token_hash(token),
            registered_by=user,
            registered_at=timezone.now(),
        )
        audit.record(
            "surveys.register_kiosk",
            actor=user,
            office=office,
            obj=device,
            role=_kiosk_role(user, office),
        )
    return device, token


def revoke_kiosk(device, user):
    """A revoked kiosk's responses are anonymous from now on (held, never counted)."""
    if not _may_manage_kiosks(user, device.office):
        raise NotAllowed(_("Hanya petugas loket atau pimpinan yang dapat mencabut kios."))
    with transaction.atomic():
        device = KioskDevice.objects.select_for_update().get(pk=device.pk)
        if device.revoked_at is not None:
            raise Conflict(_("Perangkat ini sudah dicabut."))
        device.revoked_at = timezone.now()
        device.revoked_by = user
        device.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            "surveys.revoke_kiosk",
            actor=user,
            office=device.office_id,
            obj=device,
            role=_kiosk_role(user, device.office),
        )
    return device


def accept_held(response, user):
    """An officer counts a held burst or duplicate after checking it (say, a queue of
    real visitors). Anonymous responses are never counted."""
    if not _may_manage_kiosks(user, response.office):
        raise NotAllowed(_("Hanya petugas loket atau pimpinan yang dapat meninjau jawaban."))
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        if response.counted:
            raise Conflict(_("Jawaban ini sudah dihitung."))
        if response.held not in (SurveyResponse.BURST, SurveyResponse.DUPLICATE):
            raise Conflict(_("Jawaban tanpa undangan atau kios terdaftar tidak dapat dihitung."))
        response.counted = True
        response.reviewed_by = user
        response.reviewed_at = timezone.now()
        response.save(update_fields=["counted", "reviewed_by", "reviewed_at"])
        audit.record(
            "surveys.accept_held",
            actor=user,
            office=response.office_id,
            obj=response,
            role=_kiosk_role(user, response.office),
            data={"held": response.held},
        )
        _results_changed(response.office_id)
    return response


def _results_changed(office_id):
    """A response came in: the period's follow-up items are brought up to date once it
    commits, in the worker (never on a page view)."""
    from loket.core.models import Office
    from loket.surveys.queries import current_period
    from loket.surveys.tasks import refresh_follow_ups

    key = current_period(Office.objects.get(pk=office_id)).key
    transaction.on_commit(lambda: refresh_follow_ups.enqueue(office_id, key))


def refresh_follow_ups(office, period):
    """Open the follow-up items of the period's weak elements, from its results now."""
    from loket.surveys.queries import ikm_for_period

    return open_follow_ups(office, period, ikm_for_period(office, period))


def open_follow_ups(office, period, period_ikm):
    """Open a follow-up item for every element scoring C or D, per service.

    Idempotent: an element already opened for the period is left as it is.
    """
    wanted = []
    for service_ikm in period_ikm.services:
        for element in service_ikm.result.elements:
            if element.mutu and ikm.is_weak(element.mutu):
                wanted.append((service_ikm.service_id, element))
    if not wanted:
        return 0
    have = set(
        FollowUpItem.objects.filter(office=office, period_key=period.key).values_list(
            "service_id", "element"
        )
    )
    now = timezone.now()
    # The problem is the office's own text (officers edit it): written in the office's
    # language, whichever language the request that triggered it was in.
    with translation.override(settings.LANGUAGE_CODE):
        new = _new_follow_ups(office, period, wanted, have, now)
    with transaction.atomic():
        FollowUpItem.objects.bulk_create(new, ignore_conflicts=True)
        if new:
            audit.record(
                "surveys.open_follow_ups",
                actor=None,
                office=office,
                data={"period": period.key, "elements": sorted({item.element for item in new})},
            )
    return len(new)


def _new_follow_ups(office, period, wanted, have, now):
    """The follow-up items to open, their problem written in the active language."""
    return [
        FollowUpItem(
            office=office,
            service_id=service_id,
            period_key=period.key,
            element=element.code,
            nrr=ikm.round_nrr(element.nrr),
            mutu=element.mutu,
            problem=_(
                "Unsur %(code)s %(name)s memperoleh NRR %(nrr)s (mutu %(mutu)s, %(kinerja)s)."
            )
            % {
                "code": element.code,
                "name": _(element.name),
                "nrr": number_format(ikm.round_nrr(element.nrr), 3),
                "mutu": element.mutu,
                "kinerja": _(element.kinerja),
            },
            opened_at=now,
        )
        for service_id, element in wanted
        if (service_id, element.code) not in have
    ]


def _may_plan(user, office):
    return acts_as(user, SEKRETARIS, office) or acts_as(user, KEPALA_DINAS, office)


def update_follow_up(item, user, data):
    """Write the plan (action, unit, deadline) or its progress."""
    if not _may_plan(user, item.office):
        raise NotAllowed(_("Hanya Sekretaris atau Kepala Dinas yang dapat mengubah rencana."))
    errors = {}
    fields = {}
    for key in ("problem", "action", "unit", "progress_note"):
        if key in data:
            fields[key] = str(data[key] or "").strip()
    if "problem" in fields and not fields["problem"]:
        errors["problem"] = _("Wajib diisi.")
    if "deadline" in data:
        deadline = data["deadline"] or None
        if isinstance(deadline, str):
            deadline = parse_date(deadline)
            if deadline is None:
                errors["deadline"] = _("Tanggal tidak valid (TTTT-BB-HH).")
        fields["deadline"] = deadline
    if "progress" in data:
        try:
            progress = int(data["progress"])
            if not 0 <= progress <= 100:
                raise ValueError
            fields["progress"] = progress
        except (TypeError, ValueError):
            errors["progress"] = _("Isi angka 0–100.")
    if errors:
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
    with transaction.atomic():
        item = FollowUpItem.objects.select_for_update().get(pk=item.pk)
        for key, value in fields.items():
            setattr(item, key, value)
        if item.status == FollowUpItem.APPROVED and item.progress == 100:
            item.status = FollowUpItem.DONE
        fields_changed = [*fields, "status", "updated_at"]
        item.updated_at = timezone.now()
        item.save(update_fields=fields_changed)
        audit.record(
            "surveys.update_follow_up",
            actor=user,
            office=item.office_id,
            obj=item,
            role=SEKRETARIS if acts_as(user, SEKRETARIS, item.office) else KEPALA_DINAS,
            data={"fields": sorted(fields), "status": item.status},
        )
    return item


def approve_follow_up(item, user):
    """The Sekretaris approves a discussed plan: it needs an action, a unit and a deadline."""
    if not acts_as(user, SEKRETARIS, item.office):
        raise NotAllowed(_("Rencana tindak lanjut disetujui oleh Sekretaris."))
    missing = {
        key: _("Wajib diisi sebelum disetujui.")
        for key in ("action", "unit", "deadline")
        if not getattr(item, key)
    }
    if missing:
        raise Invalid(_("Lengkapi rencana sebelum disetujui."), missing)
    with transaction.atomic():
        item = FollowUpItem.objects.select_for_update().get(pk=item.pk)
        if item.status != FollowUpItem.OPEN:
            raise Conflict(_("Rencana ini sudah disetujui."))
        item.status = FollowUpItem.DONE if item.progress == 100 else FollowUpItem.APPROVED
        item.approved_at = timezone.now()
        item.approved_by = user
        item.save(update_fields=["status", "approved_at", "approved_by"])
        audit.record(
            "surveys.approve_follow_up",
            actor=user,
            office=item.office_id,
            obj=item,
            role=SEKRETARIS,
            data={"status": item.status},
        )
    return item


def set_period_kind(office, user, kind):
    """The office's survey period (overrides the standard's `survey.period`)."""
    if not _may_plan(user, office):
        raise NotAllowed(_("Hanya Sekretaris atau Kepala Dinas yang dapat mengubah pengaturan."))
    if kind not in periods.KINDS:
        raise Invalid(_("Periode tidak dikenal."), {"period": _("Pilih salah satu.")})
    with transaction.atomic():
        setting, _created = SurveySetting.objects.update_or_create(
            office=office, defaults={"period": kind}
        )
        audit.record(
            "surveys.set_period_kind",
            actor=user,
            office=office,
            obj=setting,
            role=SEKRETARIS if acts_as(user, SEKRETARIS, office) else KEPALA_DINAS,
            data={"period": kind},
        )
