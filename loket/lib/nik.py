"""Checks on the Nomor Induk Kependudukan (NIK), the 16-digit national identity number.

Layout: PP KK CC DDMMYY NNNN - province, regency (kabupaten/kota), district (kecamatan),
birth date with 40 added to the day for women, and a serial number. Only the structure can be
checked offline; whether the number was really issued is Dukcapil's to say.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = ["PROVINCE_CODES", "NikError", "NikInfo", "mask_nik", "parse_nik", "validate_nik"]

PROVINCE_CODES: frozenset[str] = frozenset(
    [str(code) for code in range(11, 20)]
    + ["21"]
    + [str(code) for code in range(31, 37)]
    + [str(code) for code in range(51, 54)]
    + [str(code) for code in range(61, 66)]
    + [str(code) for code in range(71, 77)]
    + ["81", "82"]
    + [str(code) for code in range(91, 98)]
)

# ASCII digits only: str.isdigit() would let Arabic-Indic or full-width digits through,
# and those never appear on a KTP.
_SIXTEEN_DIGITS = re.compile(r"[0-9]{16}")

_FEMALE_DAY_OFFSET = 40


class NikError(ValueError):
    """A NIK that cannot be right; args[0] says why, in words fit for the applicant."""


@dataclass(frozen=True)
class NikInfo:
    province: str  # digits 1-2
    regency: str  # digits 3-4, the kabupaten/kota within the province
    district: str  # digits 5-6, the kecamatan within the regency
    birth_date: datetime.date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str  # digits 13-16


def _today(today: datetime.date | None) -> datetime.date:
    # The office's date, not the server's: near midnight UTC they differ by a day.
    return today if today is not None else timezone.localdate()


def _birth_date(day: int, month: int, yy: int, today: datetime.date) -> datetime.date | None:
    """The latest of 19YY and 20YY that is a real date not after today, or None."""
    for century in (2000, 1900):
        try:
            candidate = datetime.date(century + yy, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def parse_nik(nik: str, *, today: datetime.date | None = None) -> NikInfo:
    """Split a NIK into its parts, raising NikError if it cannot be a real NIK."""
    if not isinstance(nik, str):
        raise NikError(_("NIK harus diisi sebagai teks berisi 16 angka."))
    value = nik.strip()
    if not _SIXTEEN_DIGITS.fullmatch(value):
        if not value:
            raise NikError(_("NIK wajib diisi: 16 angka sesuai KTP atau Kartu Keluarga."))
        if not value.isascii() or not value.isdigit():
            raise NikError(
                _(
                    "NIK hanya boleh berisi angka, tanpa spasi, titik atau huruf. "
                    "Tulis 16 angka sesuai KTP atau Kartu Keluarga."
                )
            )
        raise NikError(
            _("NIK harus 16 angka, yang diisi %(count)d angka. Periksa lagi KTP Anda.")
            % {"count": len(value)}
        )

    province = value[0:2]
    if province not in PROVINCE_CODES:
        raise NikError(
            _("Kode provinsi %(code)s pada dua angka pertama NIK tidak dikenal.")
            % {"code": province}
        )

    day, month, yy = int(value[6:8]), int(value[8:10]), int(value[10:12])
    sex = "L"
    if day > _FEMALE_DAY_OFFSET:
        sex = "P"
        day -= _FEMALE_DAY_OFFSET
    birth_date = _birth_date(day, month, yy, _today(today))
    if birth_date is None:
        raise NikError(
            _(
                "Angka ke-7 sampai ke-12 NIK (%(digits)s) bukan tanggal lahir yang mungkin. "
                "Periksa lagi KTP Anda."
            )
            % {"digits": value[6:12]}
        )

    serial = value[12:16]
    if serial == "0000":
        raise NikError(_("Empat angka terakhir NIK tidak boleh 0000. Periksa lagi KTP Anda."))

    return NikInfo(
        province=province,
        regency=value[2:4],
        district=value[4:6],
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def _sex_label(sex: str) -> str:
    return _("laki-laki") if sex == "L" else _("perempuan")


def _given_birth_date(value: object) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    # A datetime is a date too, but never equal to one; compare the calendar day.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise NikError(_("Tanggal lahir tidak valid. Tulis tanggal lahir sesuai KTP."))


def _given_sex(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = value.strip().upper() if isinstance(value, str) else ""
    if code not in ("L", "P"):
        raise NikError(_("Jenis kelamin harus L (laki-laki) atau P (perempuan)."))
    return code


def validate_nik(
    nik: str,
    birth_date: datetime.date | str | None = None,
    sex: str | None = None,
    *,
    today: datetime.date | None = None,
) -> NikInfo:
    """parse_nik, then check the NIK agrees with the birth date and sex given on the form.

    Form data arrives raw: None or a blank string means the field was not given, and a
    birth date may be an ISO string ("1985-05-12") as well as a date.
    """
    info = parse_nik(nik, today=today)
    problems = []
    given_date = _given_birth_date(birth_date)
    if given_date is not None and given_date != info.birth_date:
        problems.append(
            _(
                "Tanggal lahir pada NIK (%(nik_date)s) tidak sama dengan tanggal lahir "
                "yang diisi (%(given)s)."
            )
            % {
                "nik_date": info.birth_date.strftime("%d-%m-%Y"),
                "given": given_date.strftime("%d-%m-%Y"),
            }
        )
    given_sex = _given_sex(sex)
    if given_sex is not None and given_sex != info.sex:
        problems.append(
            _(
                "Jenis kelamin pada NIK (%(nik_sex)s) tidak sama dengan jenis kelamin "
                "yang diisi (%(given)s)."
            )
            % {"nik_sex": _sex_label(info.sex), "given": _sex_label(given_sex)}
        )
    if problems:
        raise NikError(" ".join(problems))
    return info


def mask_nik(nik: str) -> str:
    """The NIK with all but its first 4 and last 4 characters hidden, for screens and logs.

    Never raises: masking happens where a bad value must still be shown safely. A value too
    short to keep 8 characters visible and still hide something is hidden entirely.
    """
    value = str(nik).strip()
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
