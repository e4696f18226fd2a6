"""Writes of the accounts app: registering applicants."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.accounts.models import Applicant
from loket.accounts.roles import FRONT_OFFICE, PEMOHON, acts_as
from loket.lib.nik import NikError, validate_nik
from loket.lib.phones import PhoneError, normalize_phone
from loket.permits.errors import Invalid, NotAllowed


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


def register_applicant(office, data, *, password=None, by=None):
    """Register an applicant: online with a password (own account), or by the FO.

    Online the NIK is the login name. At the counter the Front Office registers a
    walk-in applicant without an account (or finds them again by NIK).
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
    User = get_user_model()
    with transaction.atomic():
        existing = (
            Applicant.objects.select_for_update().filter(office=office, nik=cleaned["nik"]).first()
        )
        if existing and (password is not None and existing.user_id is not None):
            raise Invalid(
                _("NIK ini sudah terdaftar. Silakan masuk."), {"nik": _("NIK sudah terdaftar.")}
            )
        user = None
        if password is not None:
            try:
                user = User.objects.create_user(
                    username=cleaned["nik"],
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
            existing.save(update_fields=[*fields, "user"])
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
            office=office, user=user, nik=cleaned["nik"], consented_at=timezone.now(), **fields
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
