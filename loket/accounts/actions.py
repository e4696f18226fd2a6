"""Writes of the accounts app: registering applicants."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from loket import audit
from loket.accounts.backends import applicant_username
from loket.accounts.models import Applicant
from loket.accounts.privacy import applicant_notice
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import FRONT_OFFICE, PEMOHON, acts_as
from loket.lib.nik import NikError, validate_nik
from loket.lib.phones import PhoneError, normalize_phone


def clean_identity(data):
    """Validate the identity fields together; return (cleaned, errors)."""
    errors = {}
    cleaned = dict(data)
    try:
        validate_nik(data.get("nik", ""), data.get("birth_date"), data.get("sex"))
        cleaned["nik"] = data["nik"].strip()
    except NikError as exc:
        errors["nik"] = str(exc)
    try:
        cleaned["phone"] = normalize_phone(data.get("phone", ""))
    except PhoneError as exc:
        errors["phone"] = str(exc)
    for key in ("full_name", "birth_place", "address"):
        if not str(data.get(key, "")).strip():
            errors[key] = _("Wajib diisi.")
    if not data.get("consent"):
        errors["consent"] = _(
            "Centang persetujuan pemrosesan data pribadi untuk melanjutkan permohonan."
        )
    return cleaned, errors


def message_language(language=None):
    """The supported language code closest to ``language`` (default: the active one)."""
    code = (language or translation.get_language() or "id").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else "id"


def register_applicant(office, data, *, password=None, by=None, language=None):
    """Register an applicant: online with a password (own account), or by the FO.

    Online the NIK is the login name. At the counter the Front Office registers a
    walk-in applicant without an account (or finds them again by NIK). Messages go
    out in ``language``, by default the language the page was used in; the counter
    does not overwrite the language an applicant chose online.
    """
    cleaned, errors = clean_identity(data)
    if by is not None and not acts_as(by, FRONT_OFFICE, office):
        raise NotAllowed(_("Hanya petugas Front Office yang dapat mendaftarkan pemohon di loket."))
    if errors:
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
    fields = {
        k: cleaned.get(k, "")
        for k in ("full_name", "birth_place", "birth_date", "sex", "address", "phone", "email")
    }
    # The acknowledgement is recorded each time it is given, with the notice as shown.
    fields["consented_at"] = timezone.now()
    fields["consent_notice"] = applicant_notice(office)
    User = get_user_model()
    with transaction.atomic():
        existing = (
            Applicant.objects.select_for_update()
            .with_nik(cleaned["nik"])
            .filter(office=office)
            .first()
        )
        if existing and (password is not None and existing.user_id is not None):
            raise Invalid(
                _("NIK ini sudah terdaftar. Silakan masuk."), {"nik": _("NIK sudah terdaftar.")}
            )
        user = None
        if password is not None:
            try:
                user = User.objects.create_user(
                    username=applicant_username(cleaned["nik"]),
                    password=password,
                    email=fields["email"],
                    first_name=fields["full_name"][:150],
                )
            except IntegrityError as exc:
                raise Invalid(
                    _("NIK ini sudah terdaftar. Silakan masuk."), {"nik": _("NIK sudah terdaftar.")}
                ) from exc
            from django.contrib.auth.models import Group

            user.groups.add(Group.objects.get_or_create(name=PEMOHON)[0])
        if existing:
            for key, value in fields.items():
                setattr(existing, key, value)
            if user is not None:
                existing.user = user
            if by is None:
                existing.language = message_language(language)
            existing.save(update_fields=[*fields, "user", "language"])
            audit.record(
                "accounts.register_applicant",
                actor=by or user,
                office=office,
                obj=existing,
                role=FRONT_OFFICE if by else PEMOHON,
                data={"updated": True, "account": user is not None},
            )
            return existing
        applicant = Applicant.objects.create(
            office=office,
            user=user,
            nik=cleaned["nik"],
            language=message_language(language),
            **fields,
        )
        audit.record(
            "accounts.register_applicant",
            actor=by or user,
            office=office,
            obj=applicant,
            role=FRONT_OFFICE if by else PEMOHON,
            data={"updated": False, "account": user is not None},
        )
        return applicant


def disable_officer(user, *, by):
    """Disable an officer's account; every session they hold ends with it.

    The sessions end in `loket.accounts.sessions` on the save, so the admin's
    "active" checkbox has the same effect.
    """
    if not (by.is_superuser or by.has_perm("auth.change_user")):
        raise NotAllowed(_("Hanya admin yang dapat menonaktifkan petugas."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        officer = getattr(user, "officer", None)
        audit.record(
            "accounts.disable_officer",
            actor=by,
            office=officer.office_id if officer else None,
            obj=user,
            role="admin",
        )
    return user


IDENTITY_FIELDS = (
    "full_name",
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "phone",
    "email",
)
# UU 27/2022 Pasal 30: a correction is made within 3×24 hours of the request.
CORRECTION_HOURS = 72


def correct_applicant_identity(applicant, data, *, by, requested_at=None):
    """The Front Office corrects an applicant's identity at their request.

    The trail records which fields changed and how long after the request, never the
    values. A corrected NIK renames the applicant's account (they sign in with it).
    """
    if not acts_as(by, FRONT_OFFICE, applicant.office):
        raise NotAllowed(_("Hanya petugas Front Office yang dapat mengoreksi data pemohon."))
    if applicant.anonymised_at is not None:
        raise Conflict(_("Data pemohon ini sudah dianonimkan setelah masa retensinya."))
    cleaned, errors = clean_identity({**data, "consent": True})
    now = timezone.now()
    requested_at = requested_at or now
    if requested_at > now:
        errors["requested_at"] = _("Waktu permintaan tidak boleh di masa depan.")
    if errors:
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
    new = {k: cleaned.get(k, "") for k in IDENTITY_FIELDS}
    User = get_user_model()
    with transaction.atomic():
        locked = Applicant.objects.select_for_update().get(pk=applicant.pk)
        changed = [k for k in IDENTITY_FIELDS if getattr(locked, k) != new[k]]
        if not changed:
            raise Invalid(_("Tidak ada data yang berubah."))
        if (
            "nik" in changed
            and Applicant.objects.with_nik(new["nik"])
            .filter(office=locked.office_id)
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise Invalid(
                _("NIK ini sudah terdaftar untuk pemohon lain."),
                {"nik": _("NIK sudah terdaftar untuk pemohon lain.")},
            )
        for key in changed:
            setattr(locked, key, new[key])
        locked.save(update_fields=changed)
        if locked.user_id:
            account = {"first_name": new["full_name"][:150], "email": new["email"]}
            if "nik" in changed:
                account["username"] = applicant_username(new["nik"])
            try:
                with transaction.atomic():
                    User.objects.filter(pk=locked.user_id).update(**account)
            except IntegrityError as exc:
                raise Invalid(
                    _("NIK ini sudah dipakai akun lain."), {"nik": _("NIK sudah terdaftar.")}
                ) from exc
        hours = (now - requested_at).total_seconds() / 3600
        audit.record(
            "accounts.correct_applicant_identity",
            actor=by,
            office=locked.office_id,
            obj=locked,
            role=FRONT_OFFICE,
            data={
                "fields": changed,
                "requested_at": requested_at,
                "hours_after_request": round(hours, 1),
                "within_limit": hours <= CORRECTION_HOURS,
            },
        )
    return locked


def export_personal_data(user, fmt):
    """An applicant downloads everything held about them (UU 27/2022 Pasal 32).

    Returns (applicant, data); the download itself goes on the record (format and
    counts only).
    """
    from loket.accounts.subject_data import personal_data

    applicant = (
        Applicant.objects.select_related("office").filter(user_id=getattr(user, "pk", None)).first()
    )
    if applicant is None or not getattr(user, "is_authenticated", False):
        raise NotAllowed(_("Hanya pemohon yang dapat mengunduh data dirinya."))
    data = personal_data(applicant)
    with transaction.atomic():
        audit.record(
            "accounts.export_personal_data",
            actor=user,
            office=applicant.office_id,
            obj=applicant,
            role=PEMOHON,
            data={
                "format": fmt,
                "applications": len(data["applications"]),
                "complaints": len(data["complaints"]),
                "messages": len(data["messages"]),
            },
        )
    return applicant, data
