"""Check an applicant's answers against a service's form (standards/*.yaml `form:`).

One function for every way in: the web form, the counter form and the API all hand the
raw values to `clean_answers`, so an answer refused in one is refused in all, with the
same message. Answers are kept as JSON: text as text, numbers as integers, dates as
ISO strings, yes/no as booleans.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.lib.nik import NikError, validate_nik
from loket.lib.phones import PhoneError, normalize_phone
from loket.standards.form_schema import DEFAULT_MAX_LENGTH, TEXT_TYPES

REGION = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
LATLNG = re.compile(r"\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*")
TRUE = {"true", "1", "ya", "yes", "on", "y"}
FALSE = {"false", "0", "tidak", "no", "off", "n"}


class AnswerError(ValueError):
    """One answer that cannot be kept; args[0] says why, for the applicant."""


def clean_answers(fields, kind, raw, today=None):
    """Return (answers, errors): the checked answers of the fields asked for `kind`,
    and per field key what to fix. Fields not asked for this kind are ignored."""
    today = today or timezone.localdate()
    answers, errors = {}, {}
    for field in fields:
        if not field.asked_for(kind):
            continue
        value = raw.get(field.key)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            if field.required:
                errors[field.key] = _("Wajib diisi.")
            continue
        try:
            answers[field.key] = clean_one(field, value, today)
        except AnswerError as exc:
            errors[field.key] = str(exc)
    return answers, errors


def clean_one(field, value, today):
    if isinstance(value, str) and _has_bad_characters(value):
        raise AnswerError(_("Berisi karakter yang tidak dapat disimpan."))
    check = _CHECKS.get(field.type, _text)
    return check(field, value, today)


def _has_bad_characters(text):
    # NUL cannot be stored by PostgreSQL; a lone surrogate cannot be encoded at all.
    return "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def _text(field, value, today):
    if not isinstance(value, str):
        raise AnswerError(_("Harus berupa teks."))
    limit = field.max_length or DEFAULT_MAX_LENGTH.get(field.type, 200)
    if len(value) > limit:
        raise AnswerError(_("Paling banyak %(n)s karakter.") % {"n": limit})
    if field.min_length and len(value) < field.min_length:
        raise AnswerError(_("Paling sedikit %(n)s karakter.") % {"n": field.min_length})
    if field.pattern and not re.fullmatch(field.pattern, value):
        raise AnswerError(field.help or _("Formatnya tidak sesuai."))
    if field.type != "textarea" and field.type != "address" and "\n" in value:
        raise AnswerError(_("Tulis dalam satu baris."))
    return value


def _number(field, value, today):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise AnswerError(_("Harus berupa bilangan bulat.")) from None
    if isinstance(value, bool):
        raise AnswerError(_("Harus berupa bilangan bulat."))
    if field.min is not None and number < field.min:
        raise AnswerError(_("Paling kecil %(n)s.") % {"n": field.min})
    if field.max is not None and number > field.max:
        raise AnswerError(_("Paling besar %(n)s.") % {"n": field.max})
    return number


def _bound_date(bound, today):
    return today if bound == "today" else bound


def _date(field, value, today):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value))
        except ValueError:
            raise AnswerError(_("Tanggal tidak valid (tulis TTTT-BB-HH).")) from None
    earliest, latest = _bound_date(field.min, today), _bound_date(field.max, today)
    if earliest is not None and value < earliest:
        raise AnswerError(_("Tidak boleh sebelum %(d)s.") % {"d": earliest.strftime("%d-%m-%Y")})
    if latest is not None and value > latest:
        raise AnswerError(_("Tidak boleh setelah %(d)s.") % {"d": latest.strftime("%d-%m-%Y")})
    return value.isoformat()


def _choice(field, value, today):
    if value not in {code for code, _label in field.choices}:
        raise AnswerError(_("Pilih salah satu pilihan yang tersedia."))
    return value


def _yesno(field, value, today):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise AnswerError(_("Pilih ya atau tidak."))


def _email(field, value, today):
    value = _text(field, value, today)
    try:
        validate_email(value)
    except ValidationError:
        raise AnswerError(_("Alamat email tidak valid.")) from None
    return value.lower()


def _phone(field, value, today):
    try:
        return normalize_phone(str(value))
    except PhoneError as exc:
        raise AnswerError(str(exc.args[0])) from None


def _nik(field, value, today):
    value = str(value).strip()
    try:
        validate_nik(value, today=today)
    except NikError as exc:
        raise AnswerError(str(exc.args[0]) if exc.args else _("NIK tidak valid.")) from None
    return value


def _region(field, value, today):
    value = str(value).strip()
    if not REGION.fullmatch(value):
        raise AnswerError(_("Kode wilayah tidak valid (contoh: 14.71 atau 14.71.01.1001)."))
    return value


def _latlng(field, value, today):
    match = LATLNG.fullmatch(str(value))
    if not match:
        raise AnswerError(_("Tulis lintang,bujur dalam derajat desimal (contoh: 0.5071,101.4478)."))
    lat, lng = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise AnswerError(_("Lintang harus -90 sampai 90 dan bujur -180 sampai 180."))
    return f"{lat:.6f},{lng:.6f}"


_CHECKS = {
    **dict.fromkeys(TEXT_TYPES, _text),
    "number": _number,
    "date": _date,
    "choice": _choice,
    "yesno": _yesno,
    "email": _email,
    "phone": _phone,
    "nik": _nik,
    "region": _region,
    "latlng": _latlng,
}


def display(field, value):
    """An answer as a person reads it (in the active language)."""
    if value in (None, ""):
        return ""
    if field.type == "date":
        try:
            return datetime.date.fromisoformat(value).strftime("%d-%m-%Y")
        except (TypeError, ValueError):
            return str(value)
    if field.type == "yesno":
        return _("Ya") if value else _("Tidak")
    if field.type == "choice":
        return field.choice_label(value)
    return str(value)
