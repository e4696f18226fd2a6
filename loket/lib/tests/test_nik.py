import datetime
from datetime import date

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from loket.lib.nik import PROVINCE_CODES, NikError, NikInfo, mask_nik, parse_nik, validate_nik

TODAY = date(2026, 3, 10)

# Riau (14), Kota Pekanbaru (71), a kecamatan (01); a man born 12 May 1985, serial 0003.
MAN = "1471011205850003"
# The same, for a woman: day 12 + 40 = 52.
WOMAN = "1471015205850003"


def make_nik(province="14", regency="71", district="01", day=12, month=5, yy=85, serial="0003"):
    return f"{province}{regency}{district}{day:02d}{month:02d}{yy:02d}{serial}"


# -- parse_nik ----------------------------------------------------------------


def test_it_parses_a_man_s_nik():
    """Each part of a valid NIK lands in its field; a day under 41 means a man."""
    assert parse_nik(MAN, today=TODAY) == NikInfo(
        province="14",
        regency="71",
        district="01",
        birth_date=date(1985, 5, 12),
        sex="L",
        serial="0003",
    )


def test_it_parses_a_woman_s_nik():
    """A day of 41-71 means a woman born on that day minus 40."""
    info = parse_nik(WOMAN, today=TODAY)
    assert info.sex == "P"
    assert info.birth_date == date(1985, 5, 12)


def test_it_strips_surrounding_whitespace_only():
    """Spaces, tabs and newlines around the NIK are ignored; spaces inside are not."""
    assert parse_nik(f"  {MAN}\t\n", today=TODAY).serial == "0003"
    with pytest.raises(NikError, match="hanya boleh berisi angka"):
        parse_nik("1471 0112 0585 0003", today=TODAY)
    with pytest.raises(NikError, match="hanya boleh berisi angka"):
        parse_nik("1471.0112.0585.0003", today=TODAY)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "wajib diisi"),
        ("   ", "wajib diisi"),
        ("147101120585000", "harus 16 angka, yang diisi 15 angka"),
        ("14710112058500031", "harus 16 angka, yang diisi 17 angka"),
        ("147101120585000X", "hanya boleh berisi angka"),
        ("１４７１０１１２０５８５０００３", "hanya boleh berisi angka"),  # full-width
        ("١٤٧١٠١١٢٠٥٨٥٠٠٠٣", "hanya boleh berisi angka"),  # Arabic-Indic
    ],
)
def test_it_refuses_anything_but_sixteen_ascii_digits(value, message):
    """Empty input, wrong lengths and non-ASCII digits are refused with a clear message."""
    with pytest.raises(NikError, match=message):
        parse_nik(value, today=TODAY)


def test_it_refuses_a_value_that_is_not_text():
    """A number or None is refused with NikError rather than crashing."""
    with pytest.raises(NikError):
        parse_nik(1471011205850003, today=TODAY)
    with pytest.raises(NikError):
        parse_nik(None, today=TODAY)


@pytest.mark.parametrize("province", ["00", "10", "20", "22", "30", "37", "54", "83", "90", "98"])
def test_it_refuses_an_unknown_province(province):
    """Codes outside the official list of provinces are refused, naming the code."""
    with pytest.raises(NikError, match=f"Kode provinsi {province}"):
        parse_nik(make_nik(province=province), today=TODAY)


def test_it_knows_every_province_code():
    """The 39 codes 11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82 and 91-97 all parse."""
    assert len(PROVINCE_CODES) == 39
    assert {"11", "14", "21", "31", "65", "82", "91", "97"} <= PROVINCE_CODES
    for code in PROVINCE_CODES:
        assert parse_nik(make_nik(province=code), today=TODAY).province == code


@pytest.mark.parametrize(
    ("day", "month", "yy"),
    [
        (0, 5, 85),  # day zero
        (32, 5, 85),  # day 32 is neither a man's nor a woman's
        (40, 5, 85),
        (72, 5, 85),  # 72 - 40 = 32
        (99, 5, 85),
        (12, 0, 85),  # month zero
        (12, 13, 85),
        (31, 4, 85),  # 31 April
        (29, 2, 85),  # 1985 and 2085 are not leap years
        (69, 2, 85),  # nor for a woman
        (71, 4, 85),  # a woman's 31 April
    ],
)
def test_it_refuses_an_impossible_birth_date(day, month, yy):
    """Digits 7-12 must be a real date, with 40 added to the day for women."""
    with pytest.raises(NikError, match="bukan tanggal lahir yang mungkin"):
        parse_nik(make_nik(day=day, month=month, yy=yy), today=TODAY)


def test_it_accepts_a_leap_day():
    """29 February exists in 2000 and 2024 (and for women as day 69)."""
    assert parse_nik(make_nik(day=29, month=2, yy=0), today=TODAY).birth_date == date(2000, 2, 29)
    assert parse_nik(make_nik(day=69, month=2, yy=24), today=TODAY).birth_date == date(2024, 2, 29)


def test_it_picks_the_latest_century_not_after_today():
    """YY becomes 20YY unless that is after today, then 19YY."""
    assert parse_nik(make_nik(day=10, month=3, yy=26), today=TODAY).birth_date == date(2026, 3, 10)
    assert parse_nik(make_nik(day=11, month=3, yy=26), today=TODAY).birth_date == date(1926, 3, 11)
    assert parse_nik(make_nik(day=1, month=1, yy=0), today=TODAY).birth_date == date(2000, 1, 1)
    assert parse_nik(make_nik(day=31, month=12, yy=99), today=TODAY).birth_date == date(
        1999, 12, 31
    )


def test_it_uses_the_office_date_when_today_is_not_given():
    """Without today, the birth date is never after the office's local date."""
    assert parse_nik(MAN).birth_date == date(1985, 5, 12)
    future = timezone.localdate() + datetime.timedelta(days=1)
    if (future.month, future.day) == (2, 29):  # 19YY may not have one
        future += datetime.timedelta(days=1)
    nik = make_nik(day=future.day, month=future.month, yy=future.year % 100)
    assert parse_nik(nik).birth_date.year == future.year - 100


def test_it_refuses_serial_zero():
    """The serial 0000 is never issued."""
    with pytest.raises(NikError, match="tidak boleh 0000"):
        parse_nik(make_nik(serial="0000"), today=TODAY)
    assert parse_nik(make_nik(serial="0001"), today=TODAY).serial == "0001"


def test_it_raises_a_value_error_subclass():
    """NikError is a ValueError, so form code that catches ValueError keeps working."""
    assert issubclass(NikError, ValueError)
    with pytest.raises(ValueError):
        parse_nik("x", today=TODAY)


# -- validate_nik -------------------------------------------------------------


def test_it_validates_a_nik_that_agrees_with_the_form():
    """Matching birth date and sex return the parsed NIK."""
    info = validate_nik(MAN, birth_date=date(1985, 5, 12), sex="L", today=TODAY)
    assert info.sex == "L"
    assert validate_nik(WOMAN, date(1985, 5, 12), "P", today=TODAY).sex == "P"
    assert validate_nik(MAN, today=TODAY) == parse_nik(MAN, today=TODAY)


def test_it_accepts_sex_codes_in_either_case_with_spaces():
    """'p ' is read as P."""
    assert validate_nik(WOMAN, sex=" p ", today=TODAY).sex == "P"


def test_it_says_when_the_birth_date_disagrees():
    """A different birth date is refused, naming both dates."""
    with pytest.raises(NikError) as caught:
        validate_nik(MAN, birth_date=date(1985, 5, 13), today=TODAY)
    message = caught.value.args[0]
    assert "Tanggal lahir pada NIK (12-05-1985)" in message
    assert "(13-05-1985)" in message


def test_it_compares_a_datetime_birth_date_by_its_day():
    """A datetime given as birth date is compared by its calendar day."""
    info = validate_nik(MAN, birth_date=datetime.datetime(1985, 5, 12, 7, 30), today=TODAY)
    assert info.birth_date == date(1985, 5, 12)


def test_it_says_when_the_sex_disagrees():
    """A woman's NIK with sex L is refused, naming both."""
    with pytest.raises(NikError) as caught:
        validate_nik(WOMAN, sex="L", today=TODAY)
    message = caught.value.args[0]
    assert "Jenis kelamin pada NIK (perempuan)" in message
    assert "(laki-laki)" in message


def test_it_reports_both_disagreements_at_once():
    """When birth date and sex both disagree, one message names both."""
    with pytest.raises(NikError) as caught:
        validate_nik(MAN, birth_date=date(1990, 1, 1), sex="P", today=TODAY)
    assert "Tanggal lahir" in caught.value.args[0]
    assert "Jenis kelamin" in caught.value.args[0]


@pytest.mark.parametrize("sex", ["X", "M", "F", "laki-laki", 1])
def test_it_refuses_a_sex_code_other_than_l_or_p(sex):
    """Only L and P are sex codes."""
    with pytest.raises(NikError, match="L \\(laki-laki\\) atau P \\(perempuan\\)"):
        validate_nik(MAN, sex=sex, today=TODAY)


@pytest.mark.parametrize("blank", [None, "", "  "])
def test_it_treats_blank_form_fields_as_not_given(blank):
    """None or a blank string for birth date or sex skips that comparison."""
    assert validate_nik(WOMAN, birth_date=blank, sex=blank, today=TODAY).sex == "P"


def test_it_reads_a_birth_date_given_as_an_iso_string():
    """Raw form data may carry the birth date as YYYY-MM-DD."""
    assert validate_nik(MAN, birth_date="1985-05-12", today=TODAY).sex == "L"
    with pytest.raises(NikError, match="tidak sama"):
        validate_nik(MAN, birth_date=" 1985-05-13 ", today=TODAY)


@pytest.mark.parametrize("value", ["12/05/1985", "kemarin", "1985-02-30", 19850512])
def test_it_refuses_a_birth_date_it_cannot_read(value):
    """An unreadable birth date is refused with NikError, not another exception."""
    with pytest.raises(NikError, match="Tanggal lahir tidak valid"):
        validate_nik(MAN, birth_date=value, today=TODAY)


def test_it_checks_the_nik_itself_before_the_form_fields():
    """A broken NIK is refused for itself, whatever the other fields say."""
    with pytest.raises(NikError, match="tidak boleh 0000"):
        validate_nik(make_nik(serial="0000"), birth_date=date(1985, 5, 12), sex="L")


# -- mask_nik -----------------------------------------------------------------


def test_it_masks_all_but_the_first_and_last_four_digits():
    """1471011205850003 is shown as 1471********0003."""
    assert mask_nik(MAN) == "1471********0003"
    assert mask_nik(f" {MAN} ") == "1471********0003"


def test_it_masks_odd_values_without_revealing_them():
    """Short values are hidden entirely; masking never raises."""
    assert mask_nik("") == ""
    assert mask_nik("12345678") == "********"
    assert mask_nik("123456789") == "1234*6789"
    assert mask_nik(1471011205850003) == "1471********0003"


# -- properties -----------------------------------------------------------------

birth_dates = st.dates(
    min_value=date(TODAY.year - 100, TODAY.month, TODAY.day) + datetime.timedelta(days=1),
    max_value=TODAY,
)


@st.composite
def valid_niks(draw):
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    born = draw(birth_dates)
    sex = draw(st.sampled_from("LP"))
    serial = draw(st.from_regex(r"[0-9]{4}", fullmatch=True).filter(lambda s: s != "0000"))
    day = born.day + (40 if sex == "P" else 0)
    nik = f"{province}{area}{day:02d}{born:%m}{born.year % 100:02d}{serial}"
    return nik, born, sex


@given(valid_niks())
def test_it_parses_every_valid_nik(case):
    """A generated valid NIK parses back to its birth date and sex, and validates."""
    nik, born, sex = case
    info = parse_nik(nik, today=TODAY)
    assert (info.birth_date, info.sex) == (born, sex)
    assert validate_nik(nik, born, sex, today=TODAY) == info
    assert mask_nik(nik) == nik[:4] + "*" * 8 + nik[-4:]


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_it_parses_or_refuses_any_sixteen_digits(nik):
    """Any 16 digits either parse to a NIK not born after today or raise NikError."""
    try:
        info = parse_nik(nik, today=TODAY)
    except NikError as exc:
        assert exc.args[0]
    else:
        assert info.birth_date <= TODAY
        assert info.province in PROVINCE_CODES


@given(st.text())
def test_it_raises_nothing_but_nik_error_for_any_text(text):
    """No string makes parse_nik, validate_nik or mask_nik raise anything else."""
    for call in (
        lambda: parse_nik(text, today=TODAY),
        lambda: validate_nik(text, date(2000, 1, 1), "L", today=TODAY),
        lambda: validate_nik("1471011205850003", text, text, today=TODAY),
    ):
        try:
            call()
        except NikError:
            pass
    assert isinstance(mask_nik(text), str)
