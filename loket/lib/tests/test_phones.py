import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.lib.phones import PhoneError, mask_phone, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "(0812) 3456-7890",
        "6281234567890",
        "+6281234567890",
        "+62 812-3456-7890",
        "  +62 812 3456 7890\n",
        "+62\u00a0812\u00a03456\u00a07890",  # non-breaking spaces from a copied web page
    ],
)
def test_it_normalizes_the_ways_people_write_a_mobile_number(raw):
    """Local, bare-country-code and international forms all become +6281234567890."""
    assert normalize_phone(raw) == "+6281234567890"


def test_it_accepts_landlines():
    """A Pekanbaru landline with its area code is a valid number."""
    assert normalize_phone("(0761) 21234") == "+6276121234"
    assert normalize_phone("0761-123456") == "+62761123456"


@pytest.mark.parametrize("raw", ["", "   ", "\n"])
def test_it_asks_for_a_number_when_none_is_given(raw):
    """Empty input says the number is required."""
    with pytest.raises(PhoneError, match="wajib diisi"):
        normalize_phone(raw)


@pytest.mark.parametrize(
    "raw",
    ["0812", "08123", "123", "0812345678901234567", "+62", "+62 0", "0000000000", "+", "--"],
)
def test_it_refuses_numbers_that_cannot_be_dialled(raw):
    """Too short, too long or impossible numbers are refused with an example of a good one."""
    with pytest.raises(PhoneError, match="0812-3456-7890"):
        normalize_phone(raw)


@pytest.mark.parametrize("raw", ["0812-FLOWERS", "0812345678 ext. 12", "0812345678x1", "tel:0812"])
def test_it_refuses_letters(raw):
    """Letters are refused rather than turned into keypad digits or an extension."""
    with pytest.raises(PhoneError, match="hanya boleh berisi angka"):
        normalize_phone(raw)


@pytest.mark.parametrize(
    "raw", ["\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10"]
)
def test_it_refuses_non_ascii_digits(raw):
    """Full-width digits are refused like any other unexpected character."""
    with pytest.raises(PhoneError):
        normalize_phone(raw)


@pytest.mark.parametrize("raw", ["+1 650 253 0000", "+44 20 7946 0958", "+60 12-345 6789"])
def test_it_refuses_foreign_numbers(raw):
    """Only Indonesian (+62) numbers are accepted."""
    with pytest.raises(PhoneError, match=r"\+62"):
        normalize_phone(raw)


def test_it_refuses_a_value_that_is_not_text():
    """A number or None is refused with PhoneError rather than crashing."""
    with pytest.raises(PhoneError):
        normalize_phone(None)
    with pytest.raises(PhoneError):
        normalize_phone(81234567890)


def test_it_raises_a_value_error_subclass():
    """PhoneError is a ValueError, so form code catching ValueError keeps working."""
    assert issubclass(PhoneError, ValueError)


def test_it_masks_a_number_keeping_the_country_code_first_and_last_digits():
    """+6281234567890 is shown as +62812*****890."""
    assert mask_phone("+6281234567890") == "+62812*****890"
    assert mask_phone("0812-3456-7890") == "+62812*****890"
    assert mask_phone("+6276121234") == "+62761**234"


def test_it_hides_an_invalid_number_entirely():
    """A value that is not a valid number is masked whole, never shown and never raising."""
    assert mask_phone("0812") == "****"
    assert mask_phone("") == ""
    assert mask_phone("not a phone") == "***********"


# -- properties -----------------------------------------------------------------

phone_like = st.text(alphabet="0123456789+-(). ", max_size=30)


@given(st.one_of(st.text(), phone_like))
def test_it_raises_nothing_but_phone_error(raw):
    """Any text either normalizes or raises PhoneError; masking never raises."""
    try:
        result = normalize_phone(raw)
    except PhoneError as exc:
        assert exc.args[0]
    else:
        assert result.startswith("+62")
        assert phonenumbers.is_valid_number(phonenumbers.parse(result))
    assert isinstance(mask_phone(raw), str)


@given(st.from_regex(r"08[1-9][0-9]{7,9}", fullmatch=True))
def test_it_is_idempotent(raw):
    """A normalized number normalizes to itself, and its mask shows only 6 of its digits."""
    try:
        first = normalize_phone(raw)
    except PhoneError:
        return
    assert normalize_phone(first) == first
    masked = mask_phone(first)
    assert len(masked) == len(first)
    assert sum(ch.isdigit() for ch in masked) == 2 + 6
