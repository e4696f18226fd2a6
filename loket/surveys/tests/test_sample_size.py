"""Tests for the Krejcie & Morgan sample size used to plan an SKM."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.surveys.ikm import SAMPLE_SIZE_RULE, krejcie_morgan

# Krejcie & Morgan (1970), "Table for determining sample size from a given population".
PUBLISHED_TABLE = {
    10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 35: 32, 40: 36, 45: 40, 50: 44, 55: 48,
    60: 52, 65: 56, 70: 59, 75: 63, 80: 66, 85: 70, 90: 73, 95: 76, 100: 80, 110: 86,
    120: 92, 130: 97, 140: 103, 150: 108, 160: 113, 170: 118, 180: 123, 190: 127,
    200: 132, 210: 136, 220: 140, 230: 144, 240: 148, 250: 152, 260: 155, 270: 159,
    280: 162, 290: 165, 300: 169, 320: 175, 340: 181, 360: 186, 380: 191, 400: 196,
    420: 201, 440: 205, 460: 210, 480: 214, 500: 217, 550: 226, 600: 234, 650: 242,
    700: 248, 750: 254, 800: 260, 850: 265, 900: 269, 950: 274, 1000: 278, 1100: 285,
    1200: 291, 1300: 297, 1400: 302, 1500: 306, 1600: 310, 1700: 313, 1800: 317,
    1900: 320, 2000: 322, 2200: 327, 2400: 331, 2600: 335, 2800: 338, 3000: 341,
    3500: 346, 4000: 351, 4500: 354, 5000: 357, 6000: 361, 7000: 364, 8000: 367,
    9000: 368, 10000: 370, 15000: 375, 20000: 377, 30000: 379, 40000: 380, 50000: 381,
    75000: 382, 1000000: 384,
}  # fmt: skip


def _raw(population):
    """The unrounded formula, for comparing rounding rules."""
    chi, p, d = Fraction("3.841"), Fraction(1, 2), Fraction(5, 100)
    return chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))


@pytest.mark.parametrize(
    ("population", "sample"),
    [(10, 10), (50, 44), (100, 80), (300, 169), (1200, 291), (2000, 322)],
)
def test_it_matches_the_examples_in_the_standard(population, sample):
    """N=10->10, 50->44, 100->80, 300->169, 1200->291, 2000->322 as in the reference."""
    assert krejcie_morgan(population) == sample


@pytest.mark.parametrize(("population", "sample"), sorted(PUBLISHED_TABLE.items()))
def test_it_matches_every_entry_of_the_published_table(population, sample):
    """Every row of Krejcie & Morgan's published table is reproduced."""
    assert krejcie_morgan(population) == sample


def test_it_rounds_half_up_because_ceil_misses_the_published_table():
    """Ceil gives 45/292/323 for N=50/1200/2000 where the table has 44/291/322."""
    for population, raw_ceil, published in ((50, 45, 44), (1200, 292, 291), (2000, 323, 322)):
        raw = _raw(population)
        assert -(-raw.numerator // raw.denominator) == raw_ceil
        assert krejcie_morgan(population) == published
    assert "half up" in SAMPLE_SIZE_RULE


def test_it_needs_nobody_from_an_empty_population():
    """A population of 0 needs a sample of 0."""
    assert krejcie_morgan(0) == 0


def test_it_surveys_everyone_in_a_tiny_population():
    """Populations of 1 to 10 need every member (the formula rounds to N there)."""
    assert [krejcie_morgan(n) for n in range(1, 11)] == list(range(1, 11))


def test_it_refuses_a_negative_or_non_integer_population():
    """A negative population raises ValueError; floats and bools raise TypeError."""
    with pytest.raises(ValueError):
        krejcie_morgan(-1)
    with pytest.raises(TypeError):
        krejcie_morgan(100.0)
    with pytest.raises(TypeError):
        krejcie_morgan(True)


@given(st.integers(min_value=0, max_value=10**9))
def test_it_never_asks_for_more_than_the_population_or_384(population):
    """The sample is between 0 and N, and never above 384 (the infinite-N limit)."""
    sample = krejcie_morgan(population)
    assert 0 <= sample <= population
    assert sample <= 384


@given(st.integers(min_value=0, max_value=10**7))
def test_it_never_shrinks_as_the_population_grows(population):
    """A larger population never needs a smaller sample."""
    assert krejcie_morgan(population + 1) >= krejcie_morgan(population)


@given(st.integers(min_value=1, max_value=10**7))
def test_it_stays_within_half_a_respondent_of_the_formula(population):
    """The result is the formula's value rounded half up: |s - raw| <= 1/2."""
    assert abs(krejcie_morgan(population) - _raw(population)) <= Fraction(1, 2)
