"""Community satisfaction index (IKM) for the SKM, per PermenPANRB No. 14/2017.

This module is pure: no Django, no database, only the standard library. It turns
answers to the nine survey elements (U1-U9, scored 1-4) into the per-element
"nilai rata-rata" (NRR), the unit IKM, the converted IKM (25-100), and the quality
("mutu", A-D) and performance ("kinerja") bands of the regulation's conversion table.
It also gives the Krejcie & Morgan sample size the regulation refers to.

Weight. The regulation defines the weight of each element as 1/9 and prints it as
0.111. This module uses the exact fraction (``WEIGHT = 1/9``), not the printed 0.111:
with 0.111 a unit where every respondent answers 4 on every element would get
9 x 4 x 0.111 = 3.996, i.e. a converted IKM of 99.9, and could never reach the 100
(or an all-1 unit the 25) that the scale is defined to span.

Unanswered elements. An element nobody answered (for example U4 when no
respondent paid anything, or U9 when no one used the complaints channel) has no
NRR. It is left out of the index and the weights of the answered elements are
renormalised so they still add up to 1: each answered element weighs
1/(number of answered elements). With all nine answered this is exactly ``WEIGHT``.
Counting an unanswered element as 0 would push the IKM below its 25 floor, and
keeping 1/9 for the rest would cap the IKM below 100.

Arithmetic. Scores are integers, so NRR and IKM are rational numbers. They are
computed exactly (``fractions.Fraction``) and converted once to ``Decimal`` with 28
significant digits (round half even), so the stored values carry no build-up of
rounding error: all-4s gives an ``ikm_unit`` of exactly 4 and an ``ikm`` of exactly
100. ``ElementResult.nrr_weighted`` is each element's exact share rounded in the same
way, so their sum can differ from ``ikm_unit`` in the 28th digit at most. Values are
rounded for display only (see ``ROUNDING_RULE``, ``round_nrr`` and ``round_ikm``),
never before classification except as stated in ``CLASSIFICATION_RULE``.

Classification. The printed conversion table leaves gaps between its bands (for
example 88.30 < x < 88.31, or 3.532 < x < 3.5324). A value belongs to the band whose
lower bound it reaches; see ``classify_converted``, ``classify_nrr`` and
``CLASSIFICATION_RULE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "ANSWER_LABELS",
    "CLASSIFICATION_RULE",
    "ELEMENT_CODES",
    "ELEMENTS",
    "IKM_BANDS",
    "KINERJA",
    "MAX_SCORE",
    "MIN_SCORE",
    "NRR_BANDS",
    "ROUNDING_RULE",
    "SAMPLE_SIZE_RULE",
    "WEIGHT",
    "Element",
    "ElementResult",
    "IkmResult",
    "classify_converted",
    "classify_nrr",
    "ikm_from_responses",
    "ikm_from_totals",
    "is_weak",
    "krejcie_morgan",
    "nrr",
    "round_ikm",
    "round_nrr",
]

# Fixed arithmetic context, independent of whatever the calling thread has set.
_CTX = Context(prec=28, rounding=ROUND_HALF_EVEN)

MIN_SCORE = 1
MAX_SCORE = 4

# Converted IKM = unit IKM x 25.
_CONVERSION = 25


class Element(NamedTuple):
    """One survey element: its code (U1-U9), Indonesian name and English name."""

    code: str
    name: str
    name_en: str


ELEMENTS: tuple[Element, ...] = (
    Element("U1", "Persyaratan", "Requirements"),
    Element("U2", "Sistem, Mekanisme, dan Prosedur", "Systems, Mechanisms and Procedures"),
    Element("U3", "Waktu Penyelesaian", "Completion Time"),
    Element("U4", "Biaya/Tarif", "Cost/Tariff"),
    Element("U5", "Produk Spesifikasi Jenis Pelayanan", "Product Specification of Service Type"),
    Element("U6", "Kompetensi Pelaksana", "Competence of Staff"),
    Element("U7", "Perilaku Pelaksana", "Conduct of Staff"),
    Element("U8", "Sarana dan Prasarana", "Facilities and Infrastructure"),
    Element(
        "U9",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Handling of Complaints, Suggestions and Feedback",
    ),
)

ELEMENT_CODES: tuple[str, ...] = tuple(element.code for element in ELEMENTS)

_ELEMENTS_BY_CODE: Mapping[str, Element] = MappingProxyType({e.code: e for e in ELEMENTS})

# The regulation's answer wording per element; index 0 is score 1, index 3 score 4.
ANSWER_LABELS: Mapping[str, tuple[str, str, str, str]] = MappingProxyType(
    {
        "U1": ("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"),
        "U2": ("tidak mudah", "kurang mudah", "mudah", "sangat mudah"),
        "U3": ("tidak cepat", "kurang cepat", "cepat", "sangat cepat"),
        "U4": ("sangat mahal", "cukup mahal", "murah", "gratis"),
        "U5": ("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"),
        "U6": ("tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten"),
        "U7": (
            "tidak sopan dan ramah",
            "kurang sopan dan ramah",
            "sopan dan ramah",
            "sangat sopan dan ramah",
        ),
        "U8": ("buruk", "cukup", "baik", "sangat baik"),
        "U9": (
            "tidak ada",
            "ada tetapi tidak berfungsi",
            "berfungsi kurang maksimal",
            "dikelola dengan baik",
        ),
    }
)

# Exact 1/9 (28 significant digits), not the printed 0.111: see the module docstring.
WEIGHT: Decimal = _CTX.divide(Decimal(1), Decimal(9))

# mutu -> kinerja
KINERJA: Mapping[str, str] = MappingProxyType(
    {"A": "sangat baik", "B": "baik", "C": "kurang baik", "D": "tidak baik"}
)

# (lower bound, mutu), highest first. D is whatever reaches none of them.
IKM_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("88.31"), "A"),
    (Decimal("76.61"), "B"),
    (Decimal("65.00"), "C"),
)
NRR_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("3.5324"), "A"),
    (Decimal("3.0644"), "B"),
    (Decimal("2.60"), "C"),
)

_IKM_MIN, _IKM_MAX = Decimal(25), Decimal(100)
_NRR_MIN, _NRR_MAX = Decimal(MIN_SCORE), Decimal(MAX_SCORE)

_TWO_PLACES = Decimal("0.01")
_THREE_PLACES = Decimal("0.001")

CLASSIFICATION_RULE = (
    "The conversion table of PermenPANRB No. 14/2017 leaves small gaps between its "
    "bands; a value belongs to the band whose lower bound it reaches. Converted IKM, "
    "first rounded half up to 2 decimals: 88.31 or more is A (sangat baik), 76.61 or "
    "more is B (baik), 65.00 or more is C (kurang baik), below that D (tidak baik). "
    "Element NRR, compared unrounded: 3.5324 or more is A, 3.0644 or more is B, "
    "2.60 or more is C, below that D. The weight of each element is exactly 1/9 "
    "(printed as 0.111 in the regulation); elements nobody answered are left out and "
    "the remaining elements share the weight equally."
)

ROUNDING_RULE = (
    "Values are computed exactly and rounded only for display, half up "
    "(0.0005 and 0.005 round away from zero): NRR to 3 decimals, IKM to 2 decimals."
)

SAMPLE_SIZE_RULE = (
    "Minimum sample by Krejcie & Morgan (1970): s = X2*N*P*(1-P) / (d2*(N-1) + "
    "X2*P*(1-P)) with X2 = 3.841, P = 0.5, d = 0.05, rounded half up to a whole "
    "respondent (this reproduces the published table) and never more than N."
)


@dataclass(frozen=True)
class ElementResult:
    """The result for one element.

    ``total`` is the sum of the scores and ``count`` the number of respondents who
    answered the element. ``nrr`` (= total / count), ``nrr_weighted``
    (= nrr x the element's weight), ``mutu`` and ``kinerja`` (from ``classify_nrr``)
    are None when nobody answered it.
    """

    code: str
    name: str
    total: int
    count: int
    nrr: Decimal | None
    nrr_weighted: Decimal | None
    mutu: str | None
    kinerja: str | None

    @property
    def answered(self) -> bool:
        """True when at least one respondent answered the element."""
        return self.count > 0


@dataclass(frozen=True)
class IkmResult:
    """The index for one set of answers.

    ``elements`` holds all nine elements in ``ELEMENTS`` order, answered or not.
    ``weight`` is the weight each answered element got (exactly 1/9 when all nine
    were answered). ``ikm_unit`` is the sum of the weighted NRRs (1-4) and ``ikm``
    the converted index (``ikm_unit`` x 25, 25-100); ``mutu`` and ``kinerja`` come
    from ``classify_converted(ikm)``. These five are None when no element was
    answered. ``respondents`` is the largest per-element answer count.
    """

    elements: tuple[ElementResult, ...]
    weight: Decimal | None
    ikm_unit: Decimal | None
    ikm: Decimal | None
    mutu: str | None
    kinerja: str | None
    respondents: int

    def element(self, code: str) -> ElementResult:
        """The result for element ``code`` (``"U1"`` ... ``"U9"``); KeyError if unknown."""
        for result in self.elements:
            if result.code == code:
                return result
        raise KeyError(code)


def _to_decimal(value: Fraction) -> Decimal:
    """An exact rational, correctly rounded to the module's 28-digit context."""
    return _CTX.divide(Decimal(value.numerator), Decimal(value.denominator))


def _check_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {value!r}")
    return value


def _check_code(code: object) -> str:
    if code not in _ELEMENTS_BY_CODE:
        raise ValueError(f"unknown survey element {code!r}; expected one of {ELEMENT_CODES}")
    return code  # type: ignore[return-value]


def nrr(total: int, count: int) -> Decimal | None:
    """Nilai rata-rata of one element: ``total / count``; None when ``count`` is 0.

    Raises TypeError for non-int arguments and ValueError when ``count`` is negative
    or ``total`` is not what ``count`` scores of 1-4 can add up to.
    """
    _check_int(total, "total")
    _check_int(count, "count")
    _check_totals(total, count)
    if count == 0:
        return None
    return _to_decimal(Fraction(total, count))


def _check_totals(total: int, count: int) -> None:
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    if not MIN_SCORE * count <= total <= MAX_SCORE * count:
        raise ValueError(
            f"total {total} is impossible for {count} answers scored {MIN_SCORE}-{MAX_SCORE}"
        )


def ikm_from_totals(totals: Mapping[str, tuple[int, int]]) -> IkmResult:
    """Compute the IKM from per-element ``(sum of scores, number of answers)``.

    ``totals`` maps element codes (``"U1"`` ... ``"U9"``) to pairs; a code that is
    missing or has a count of 0 is an unanswered element. Unanswered elements are left
    out and each answered one weighs 1/(number of answered elements), which is exactly
    ``WEIGHT`` when all nine are answered. When no element is answered the result has
    None for ``weight``, ``ikm_unit``, ``ikm``, ``mutu`` and ``kinerja``.

    Raises ValueError for an unknown code, a negative count, or a total that count
    scores of 1-4 cannot add up to; TypeError for non-int totals or counts.
    """
    pairs: dict[str, tuple[int, int]] = {}
    for code, pair in totals.items():
        _check_code(code)
        total, count = pair
        _check_int(total, f"total of {code}")
        _check_int(count, f"count of {code}")
        _check_totals(total, count)
        pairs[code] = (total, count)

    answered = [code for code in ELEMENT_CODES if pairs.get(code, (0, 0))[1] > 0]
    weight = Fraction(1, len(answered)) if answered else None

    elements: list[ElementResult] = []
    ikm_unit_exact = Fraction(0)
    for element in ELEMENTS:
        total, count = pairs.get(element.code, (0, 0))
        if count == 0:
            elements.append(
                ElementResult(element.code, element.name, total, 0, None, None, None, None)
            )
            continue
        assert weight is not None
        value = Fraction(total, count)
        weighted = value * weight
        ikm_unit_exact += weighted
        nrr_value = _to_decimal(value)
        mutu, kinerja = classify_nrr(nrr_value)
        elements.append(
            ElementResult(
                code=element.code,
                name=element.name,
                total=total,
                count=count,
                nrr=nrr_value,
                nrr_weighted=_to_decimal(weighted),
                mutu=mutu,
                kinerja=kinerja,
            )
        )

    respondents = max((result.count for result in elements), default=0)
    if weight is None:
        return IkmResult(tuple(elements), None, None, None, None, None, respondents)

    ikm_unit = _to_decimal(ikm_unit_exact)
    ikm = _CTX.multiply(ikm_unit, Decimal(_CONVERSION))
    mutu, kinerja = classify_converted(ikm)
    return IkmResult(
        elements=tuple(elements),
        weight=_to_decimal(weight),
        ikm_unit=ikm_unit,
        ikm=ikm,
        mutu=mutu,
        kinerja=kinerja,
        respondents=respondents,
    )


def ikm_from_responses(responses: Iterable[Mapping[str, int | None]]) -> IkmResult:
    """Compute the IKM from individual responses.

    Each response maps element codes to a score of 1-4; None or a missing code means
    the respondent did not answer that element. Raises ValueError for an unknown code
    or any other score (out of range, bool, float, str ...).
    """
    sums = dict.fromkeys(ELEMENT_CODES, 0)
    counts = dict.fromkeys(ELEMENT_CODES, 0)
    for response in responses:
        for code, score in response.items():
            _check_code(code)
            if score is None:
                continue
            if (
                isinstance(score, bool)
                or not isinstance(score, int)
                or not MIN_SCORE <= score <= MAX_SCORE
            ):
                raise ValueError(
                    f"score for {code} must be an int from {MIN_SCORE} to {MAX_SCORE} "
                    f"or None, got {score!r}"
                )
            sums[code] += score
            counts[code] += 1
    return ikm_from_totals({code: (sums[code], counts[code]) for code in ELEMENT_CODES})


def _as_decimal(value: Decimal | int, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal or int, got {value!r}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return value


def round_ikm(value: Decimal | int) -> Decimal:
    """An IKM value rounded half up to 2 decimals, for display and classification."""
    return _as_decimal(value, "IKM").quantize(_TWO_PLACES, rounding=ROUND_HALF_UP, context=_CTX)


def round_nrr(value: Decimal | int) -> Decimal:
    """An NRR value rounded half up to 3 decimals, for display only."""
    return _as_decimal(value, "NRR").quantize(_THREE_PLACES, rounding=ROUND_HALF_UP, context=_CTX)


def _band(value: Decimal, bands: tuple[tuple[Decimal, str], ...]) -> tuple[str, str]:
    for lower, mutu in bands:
        if value >= lower:
            return mutu, KINERJA[mutu]
    return "D", KINERJA["D"]


def classify_converted(value: Decimal | int) -> tuple[str, str]:
    """``(mutu, kinerja)`` of a converted IKM (25-100).

    The value is first rounded half up to 2 decimals; it then belongs to the band
    whose lower bound it reaches: 88.31 or more A (sangat baik), 76.61 or more
    B (baik), 65.00 or more C (kurang baik), otherwise D (tidak baik). So 88.305 is A
    and 88.3049 is B. Raises ValueError when the rounded value is outside 25-100
    (for instance a unit IKM passed by mistake), TypeError for floats.
    """
    rounded = round_ikm(value)
    if not _IKM_MIN <= rounded <= _IKM_MAX:
        raise ValueError(f"converted IKM must be within 25-100, got {value}")
    return _band(rounded, IKM_BANDS)


def classify_nrr(value: Decimal | int) -> tuple[str, str]:
    """``(mutu, kinerja)`` of an element's NRR (1-4), compared unrounded.

    The value belongs to the band whose lower bound it reaches: 3.5324 or more A,
    3.0644 or more B, 2.60 or more C, otherwise D. So a value in a printed gap such as
    3.5322 (between 3.532 and 3.5324) is B, and 2.5998 is D. Raises ValueError outside
    1-4, TypeError for floats.
    """
    number = _as_decimal(value, "NRR")
    if not _NRR_MIN <= number <= _NRR_MAX:
        raise ValueError(f"NRR must be within 1-4, got {value}")
    return _band(number, NRR_BANDS)


def is_weak(mutu: str) -> bool:
    """True for mutu C or D, which open a follow-up plan; False for A or B.

    Raises ValueError for anything else, including None (no result to judge).
    """
    if mutu not in KINERJA:
        raise ValueError(f"mutu must be one of A, B, C, D, got {mutu!r}")
    return mutu in ("C", "D")


# Krejcie & Morgan (1970) constants, as exact fractions.
_CHI_SQUARE = Fraction("3.841")
_P = Fraction(1, 2)
_D = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """Minimum number of respondents for a population of ``population``.

    s = X2*N*P*(1-P) / (d2*(N-1) + X2*P*(1-P)) with X2 = 3.841, P = 0.5, d = 0.05,
    computed exactly and rounded half up to a whole respondent, never more than N;
    0 for N = 0.

    Rounding: rounding up (ceil) does not reproduce Krejcie & Morgan's published
    table: it gives 45 for N = 50 (table: 44), 292 for 1200 (table: 291) and 323 for
    2000 (table: 322), because the formula there yields 44.34, 291.15 and 322.35.
    Rounding half up reproduces every entry of the published table (N = 10 to
    1,000,000), so that is the rule used here.

    Raises TypeError for a non-int and ValueError for a negative population.
    """
    _check_int(population, "population")
    if population < 0:
        raise ValueError(f"population must not be negative, got {population}")
    if population == 0:
        return 0
    variance = _P * (1 - _P)
    size = (_CHI_SQUARE * population * variance) / (
        _D * _D * (population - 1) + _CHI_SQUARE * variance
    )
    rounded = int(size + Fraction(1, 2))  # floor(s + 1/2): half up, s is positive
    return min(rounded, population)
