"""Tests for the pure IKM calculation (PermenPANRB No. 14/2017)."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loket.surveys import ikm
from loket.surveys.ikm import (
    ANSWER_LABELS,
    CLASSIFICATION_RULE,
    ELEMENT_CODES,
    ELEMENTS,
    ROUNDING_RULE,
    WEIGHT,
    classify_converted,
    classify_nrr,
    ikm_from_responses,
    ikm_from_totals,
    is_weak,
    nrr,
    round_ikm,
    round_nrr,
)


def _responses(columns):
    """Turn {code: [score of respondent 1, of respondent 2, ...]} into responses."""
    size = max(len(scores) for scores in columns.values())
    return [{code: scores[i] for code, scores in columns.items()} for i in range(size)]


# --- constants -------------------------------------------------------------------


def test_it_lists_the_nine_elements_in_order():
    """ELEMENTS holds U1..U9 in order, each as (code, Indonesian name, English name)."""
    assert ELEMENT_CODES == tuple(f"U{i}" for i in range(1, 10))
    assert [e.code for e in ELEMENTS] == list(ELEMENT_CODES)
    code, name, name_en = ELEMENTS[0]
    assert (code, name, name_en) == ("U1", "Persyaratan", "Requirements")
    assert ELEMENTS[1].name == "Sistem, Mekanisme, dan Prosedur"
    assert ELEMENTS[3].name == "Biaya/Tarif"
    assert ELEMENTS[8].name == "Penanganan Pengaduan, Saran dan Masukan"
    assert all(e.name and e.name_en for e in ELEMENTS)


def test_it_gives_four_answer_labels_per_element_from_score_1_to_4():
    """ANSWER_LABELS has the regulation's wording for scores 1..4 of every element."""
    assert set(ANSWER_LABELS) == set(ELEMENT_CODES)
    assert all(len(labels) == 4 for labels in ANSWER_LABELS.values())
    assert ANSWER_LABELS["U1"] == ("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai")
    assert ANSWER_LABELS["U4"] == ("sangat mahal", "cukup mahal", "murah", "gratis")
    assert ANSWER_LABELS["U8"] == ("buruk", "cukup", "baik", "sangat baik")
    assert ANSWER_LABELS["U9"][0] == "tidak ada"
    assert ANSWER_LABELS["U9"][3] == "dikelola dengan baik"


def test_it_uses_an_exact_one_ninth_weight_not_the_printed_0_111():
    """WEIGHT is 1/9 to full precision; the printed 0.111 would turn all-4s into 99.9."""
    assert WEIGHT == Decimal(1) / Decimal(9)
    assert round(WEIGHT * 9, 20) == 1
    printed = Decimal("0.111")
    assert 9 * 4 * printed * 25 == Decimal("99.900")
    assert ikm_from_totals({c: (4, 1) for c in ELEMENT_CODES}).ikm == 100


def test_it_states_the_classification_and_rounding_rules_for_reports():
    """CLASSIFICATION_RULE and ROUNDING_RULE are report-ready texts naming the thresholds."""
    for threshold in ("88.31", "76.61", "65.00", "3.5324", "3.0644", "2.60", "1/9"):
        assert threshold in CLASSIFICATION_RULE
    assert "half up" in ROUNDING_RULE
    assert "3 decimals" in ROUNDING_RULE and "2 decimals" in ROUNDING_RULE


def test_it_imports_nothing_outside_the_standard_library():
    """The module is pure: no Django (or any third-party) import."""
    tree = ast.parse(Path(ikm.__file__).read_text())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module.split(".")[0])
    allowed = {"__future__", "collections", "dataclasses", "decimal", "fractions", "types"}
    assert modules <= allowed | {"typing"}


# --- nrr -------------------------------------------------------------------------


def test_it_computes_nrr_as_total_over_count():
    """nrr(13, 4) is 3.25; nrr of 10 over 3 is 3.333... to 28 digits."""
    assert nrr(13, 4) == Decimal("3.25")
    assert nrr(10, 3) == Decimal(10) / Decimal(3)


def test_it_gives_no_nrr_when_nobody_answered():
    """nrr(0, 0) is None, not zero and not an error."""
    assert nrr(0, 0) is None


def test_it_refuses_an_impossible_total_for_nrr():
    """A total that `count` scores of 1..4 cannot add up to is a ValueError."""
    with pytest.raises(ValueError):
        nrr(17, 4)
    with pytest.raises(ValueError):
        nrr(3, 4)
    with pytest.raises(ValueError):
        nrr(0, -1)
    with pytest.raises(ValueError):
        nrr(5, 0)


# --- hand-computed examples ------------------------------------------------------


def test_it_matches_a_hand_computed_survey_of_four_respondents():
    """Four respondents, all nine elements answered.

    Scores per element (respondents 1-4), total, NRR, element mutu:
      U1 4 3 3 2  12  3.00  C      U6 4 3 3 3  13  3.25  B
      U2 4 4 3 3  14  3.50  B      U7 4 4 4 3  15  3.75  A
      U3 3 3 3 3  12  3.00  C      U8 2 2 2 2   8  2.00  D
      U4 4 4 4 4  16  4.00  A      U9 3 3 3 3  12  3.00  C
      U5 3 3 2 2  10  2.50  D
    Sum of NRR = 28.00; unit IKM = 28 x 1/9 = 3.111...; converted = 700/9 = 77.777...
    -> 77.78, band B (baik). Weighted NRR of U1 = 3/9 = 0.333...
    """
    result = ikm_from_responses(
        _responses(
            {
                "U1": [4, 3, 3, 2],
                "U2": [4, 4, 3, 3],
                "U3": [3, 3, 3, 3],
                "U4": [4, 4, 4, 4],
                "U5": [3, 3, 2, 2],
                "U6": [4, 3, 3, 3],
                "U7": [4, 4, 4, 3],
                "U8": [2, 2, 2, 2],
                "U9": [3, 3, 3, 3],
            }
        )
    )
    expected = {
        "U1": (12, "3", "C"),
        "U2": (14, "3.5", "B"),
        "U3": (12, "3", "C"),
        "U4": (16, "4", "A"),
        "U5": (10, "2.5", "D"),
        "U6": (13, "3.25", "B"),
        "U7": (15, "3.75", "A"),
        "U8": (8, "2", "D"),
        "U9": (12, "3", "C"),
    }
    for element in result.elements:
        total, value, mutu = expected[element.code]
        assert (element.total, element.count) == (total, 4)
        assert element.nrr == Decimal(value)
        assert element.mutu == mutu
    assert result.element("U1").nrr_weighted == Decimal(3) / Decimal(9)
    assert result.element("U8").kinerja == "tidak baik"
    assert result.weight == WEIGHT
    assert result.ikm_unit == Decimal(28) / Decimal(9)
    assert round_ikm(result.ikm) == Decimal("77.78")
    assert (result.mutu, result.kinerja) == ("B", "baik")
    assert result.respondents == 4


def test_it_leaves_out_an_element_nobody_answered_and_renormalises_the_weights():
    """Two respondents; nobody answered U9 and only respondent 1 answered U4.

    R1: U1-U8 all 4, U9 none. R2: 3 on U1-U3 and U5-U8, U4 and U9 none.
    NRR: U1-U3, U5-U8 = 7/2 = 3.5 each; U4 = 4/1 = 4; U9 none.
    Eight answered elements weigh 1/8 each: unit IKM = (7 x 3.5 + 4) / 8 = 3.5625,
    converted = 89.0625 -> 89.06, band A. (Keeping 1/9 would give 79.17, band B.)
    NRR 3.5625 displays as 3.563 (half up).
    """
    answered = [c for c in ELEMENT_CODES if c != "U9"]
    result = ikm_from_responses(
        [
            {**dict.fromkeys(answered, 4), "U9": None},
            {**dict.fromkeys(answered, 3), "U4": None},
        ]
    )
    u9 = result.element("U9")
    assert (u9.total, u9.count, u9.nrr, u9.nrr_weighted, u9.mutu, u9.kinerja) == (
        0,
        0,
        None,
        None,
        None,
        None,
    )
    assert not u9.answered
    assert result.element("U4").count == 1
    assert result.element("U4").nrr == 4
    assert result.weight == Decimal("0.125")
    assert result.ikm_unit == Decimal("3.5625")
    assert result.ikm == Decimal("89.0625")
    assert round_ikm(result.ikm) == Decimal("89.06")
    assert round_nrr(result.ikm_unit) == Decimal("3.563")
    assert (result.mutu, result.kinerja) == ("A", "sangat baik")
    assert result.respondents == 2
    assert [e.code for e in result.elements] == list(ELEMENT_CODES)


def test_it_gives_the_same_result_from_totals_as_from_responses():
    """ikm_from_totals on the per-element sums equals ikm_from_responses on the answers."""
    responses = [{"U1": 4, "U2": 2}, {"U1": 3, "U2": None, "U3": 1}]
    from_totals = ikm_from_totals({"U1": (7, 2), "U2": (2, 1), "U3": (1, 1)})
    assert ikm_from_responses(responses) == from_totals
    # (3.5 + 2 + 1) / 3 = 2.1666... -> x 25 = 54.1666... -> 54.17, D
    assert round_ikm(from_totals.ikm) == Decimal("54.17")
    assert from_totals.mutu == "D"


def test_it_gives_100_and_a_for_all_fours():
    """Every respondent answering 4 on every element gives 100.00, A, sangat baik."""
    result = ikm_from_responses([dict.fromkeys(ELEMENT_CODES, 4)] * 7)
    assert result.ikm_unit == 4
    assert result.ikm == 100
    assert round_ikm(result.ikm) == Decimal("100.00")
    assert (result.mutu, result.kinerja) == ("A", "sangat baik")
    assert result.respondents == 7


def test_it_gives_25_and_d_for_all_ones():
    """Every respondent answering 1 on every element gives 25.00, D, tidak baik."""
    result = ikm_from_responses([dict.fromkeys(ELEMENT_CODES, 1)] * 3)
    assert result.ikm_unit == 1
    assert result.ikm == 25
    assert round_ikm(result.ikm) == Decimal("25.00")
    assert (result.mutu, result.kinerja) == ("D", "tidak baik")
    assert all(e.mutu == "D" for e in result.elements)


def test_it_gives_no_index_when_nothing_was_answered():
    """No responses, or only unanswered items, give None for the index and bands."""
    for result in (
        ikm_from_responses([]),
        ikm_from_responses([dict.fromkeys(ELEMENT_CODES)]),
        ikm_from_totals({}),
    ):
        assert (result.weight, result.ikm_unit, result.ikm, result.mutu, result.kinerja) == (
            None,
            None,
            None,
            None,
            None,
        )
        assert result.respondents == 0
        assert len(result.elements) == 9


def test_it_reports_the_largest_element_count_as_respondents():
    """respondents is the largest number of answers any one element received."""
    result = ikm_from_totals({"U1": (9, 3), "U2": (20, 5), "U3": (4, 1)})
    assert result.respondents == 5


# --- refused input ---------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 5, -1, 10, True, 2.0, "3", Decimal(3)])
def test_it_refuses_a_score_outside_1_to_4(score):
    """A score that is not an int from 1 to 4 (or None) raises ValueError."""
    with pytest.raises(ValueError):
        ikm_from_responses([{"U1": 4}, {"U1": score}])


def test_it_refuses_an_unknown_element_code():
    """A code other than U1..U9 raises ValueError, in responses and in totals."""
    with pytest.raises(ValueError):
        ikm_from_responses([{"U10": 3}])
    with pytest.raises(ValueError):
        ikm_from_totals({"u1": (3, 1)})


def test_it_refuses_impossible_totals():
    """Totals that the counted 1..4 scores cannot add up to raise ValueError."""
    with pytest.raises(ValueError):
        ikm_from_totals({"U1": (9, 2)})
    with pytest.raises(ValueError):
        ikm_from_totals({"U1": (1, 2)})
    with pytest.raises(ValueError):
        ikm_from_totals({"U1": (4, 0)})
    with pytest.raises(TypeError):
        ikm_from_totals({"U1": (3.0, 1)})


# --- classification: converted scale ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "mutu", "kinerja"),
    [
        ("100.00", "A", "sangat baik"),
        ("100.004", "A", "sangat baik"),
        ("88.31", "A", "sangat baik"),
        ("88.305", "A", "sangat baik"),
        ("88.3049", "B", "baik"),
        ("88.30", "B", "baik"),
        ("76.61", "B", "baik"),
        ("76.605", "B", "baik"),
        ("76.6049", "C", "kurang baik"),
        ("76.60", "C", "kurang baik"),
        ("65.00", "C", "kurang baik"),
        ("64.995", "C", "kurang baik"),
        ("64.9949", "D", "tidak baik"),
        ("64.99", "D", "tidak baik"),
        ("25.00", "D", "tidak baik"),
        ("24.995", "D", "tidak baik"),
    ],
)
def test_it_classifies_converted_values_on_and_around_each_band_edge(value, mutu, kinerja):
    """Converted IKM is rounded half up to 2 decimals, then takes the band it reaches."""
    assert classify_converted(Decimal(value)) == (mutu, kinerja)


def test_it_classifies_integer_converted_values():
    """Whole numbers are accepted: 100 is A and 25 is D."""
    assert classify_converted(100) == ("A", "sangat baik")
    assert classify_converted(25) == ("D", "tidak baik")


@pytest.mark.parametrize("value", ["24.99", "24.9949", "100.01", "100.005", "3.5", "0"])
def test_it_refuses_converted_values_outside_25_to_100(value):
    """A converted IKM outside 25..100 after rounding (e.g. a unit IKM) raises ValueError."""
    with pytest.raises(ValueError):
        classify_converted(Decimal(value))


def test_it_refuses_floats_and_non_finite_values_when_classifying():
    """Floats raise TypeError and NaN/Infinity raise ValueError, on both scales."""
    with pytest.raises(TypeError):
        classify_converted(88.31)
    with pytest.raises(TypeError):
        classify_nrr(3.5)
    with pytest.raises(ValueError):
        classify_converted(Decimal("NaN"))
    with pytest.raises(ValueError):
        classify_nrr(Decimal("Infinity"))


# --- classification: NRR scale ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "mutu", "kinerja"),
    [
        ("4.00", "A", "sangat baik"),
        ("3.5324", "A", "sangat baik"),
        ("3.53239", "B", "baik"),
        ("3.5322", "B", "baik"),
        ("3.532", "B", "baik"),
        ("3.0644", "B", "baik"),
        ("3.06439", "C", "kurang baik"),
        ("3.0642", "C", "kurang baik"),
        ("3.064", "C", "kurang baik"),
        ("2.60", "C", "kurang baik"),
        ("2.59999", "D", "tidak baik"),
        ("2.5998", "D", "tidak baik"),
        ("2.5996", "D", "tidak baik"),
        ("1.00", "D", "tidak baik"),
    ],
)
def test_it_classifies_nrr_values_on_and_around_each_band_edge(value, mutu, kinerja):
    """NRR is compared unrounded and takes the band whose lower bound it reaches."""
    assert classify_nrr(Decimal(value)) == (mutu, kinerja)


@pytest.mark.parametrize("value", ["0.99", "4.0001", "88.31", "0"])
def test_it_refuses_nrr_values_outside_1_to_4(value):
    """An NRR outside 1..4 (e.g. a converted IKM passed by mistake) raises ValueError."""
    with pytest.raises(ValueError):
        classify_nrr(Decimal(value))


def test_it_classifies_an_element_by_its_unrounded_nrr():
    """An element NRR of 3.532 from 883 points over 250 answers (3.532) is B, not A."""
    result = ikm_from_totals({"U1": (883, 250)})
    assert result.element("U1").nrr == Decimal("3.532")
    assert result.element("U1").mutu == "B"


# --- rounding --------------------------------------------------------------------


def test_it_rounds_half_up_for_display():
    """NRR rounds half up to 3 decimals and IKM half up to 2 decimals."""
    assert round_nrr(Decimal("3.0625")) == Decimal("3.063")
    assert round_nrr(Decimal("3.0624999")) == Decimal("3.062")
    assert round_nrr(4) == Decimal("4.000")
    assert round_ikm(Decimal("76.605")) == Decimal("76.61")
    assert round_ikm(Decimal("76.625")) == Decimal("76.63")
    assert round_ikm(Decimal("76.6049")) == Decimal("76.60")


# --- follow-up -------------------------------------------------------------------


def test_it_marks_c_and_d_as_weak():
    """Mutu C and D open a follow-up plan; A and B do not."""
    assert [is_weak(m) for m in "ABCD"] == [False, False, True, True]


@pytest.mark.parametrize("mutu", [None, "E", "a", ""])
def test_it_refuses_an_unknown_mutu(mutu):
    """is_weak raises ValueError for anything but A, B, C or D."""
    with pytest.raises(ValueError):
        is_weak(mutu)


# --- properties ------------------------------------------------------------------

_score = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
_response = st.fixed_dictionaries({code: _score for code in ELEMENT_CODES})
_answered_responses = st.lists(_response, min_size=1, max_size=30).filter(
    lambda rs: any(score is not None for r in rs for score in r.values())
)


@settings(deadline=None)
@given(_answered_responses)
def test_it_keeps_the_converted_ikm_within_25_and_100(responses):
    """For any non-empty set of valid responses the converted IKM is within 25..100."""
    result = ikm_from_responses(responses)
    assert Decimal(25) <= result.ikm <= Decimal(100)
    assert Decimal(1) <= result.ikm_unit <= Decimal(4)
    assert result.mutu in "ABCD"
    assert classify_converted(result.ikm) == (result.mutu, result.kinerja)


@settings(deadline=None)
@given(_answered_responses, st.data())
def test_it_never_lowers_the_ikm_when_a_score_is_raised(responses, data):
    """Raising any single given score (keeping it within 1..4) never decreases the IKM."""
    answered = [
        (i, code)
        for i, response in enumerate(responses)
        for code, score in response.items()
        if score is not None and score < 4
    ]
    if not answered:
        return
    i, code = data.draw(st.sampled_from(answered))
    new_score = data.draw(st.integers(min_value=responses[i][code] + 1, max_value=4))
    raised = [dict(r) for r in responses]
    raised[i][code] = new_score
    before = ikm_from_responses(responses)
    after = ikm_from_responses(raised)
    assert after.ikm >= before.ikm
    assert after.ikm_unit >= before.ikm_unit


@settings(deadline=None)
@given(_answered_responses)
def test_it_makes_the_weighted_nrrs_add_up_to_the_unit_ikm(responses):
    """The weighted NRRs sum to ikm_unit (to within the last of 28 digits), x25 = ikm."""
    result = ikm_from_responses(responses)
    weighted = sum(e.nrr_weighted for e in result.elements if e.answered)
    assert abs(weighted - result.ikm_unit) < Decimal("1e-25")
    assert abs(result.ikm_unit * 25 - result.ikm) < Decimal("1e-24")
    answered = sum(1 for e in result.elements if e.answered)
    assert abs(result.weight * answered - 1) < Decimal("1e-26")
