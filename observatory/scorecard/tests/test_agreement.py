"""Krippendorff's alpha on the published worked example.

Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
University of Pennsylvania, https://repository.upenn.edu/asc_papers/43 — section C (nominal data, any number
of observers, missing data): 4 observers x 12 units, published alpha = 0.743.

By hand: the 40 pairable values are 9 ones, 13 twos, 10 threes, 5 fours and 3 fives; the coincidence matrix's
off-diagonal cells sum to 8. Nominal alpha = 1 - (n - 1) * 8 / (n^2 - sum n_c^2)
= 1 - 39 * 8 / (1600 - (81 + 169 + 100 + 25 + 9)) = 1 - 312 / 1216 = 113/152 = 0.7434."""

from __future__ import annotations

import math

import pytest

from observatory.scorecard.agreement import alpha, reliability_matrix

N = math.nan
# Rows: observers A-D; columns: units 1-12; N = the observer gave no value.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


def test_nominal_alpha_matches_the_published_example():
    assert round(alpha(KRIPPENDORFF_2011, level="nominal"), 3) == 0.743
    assert alpha(KRIPPENDORFF_2011, level="nominal") == pytest.approx(113 / 152)


def test_interval_alpha_matches_the_published_example():
    assert round(alpha(KRIPPENDORFF_2011, level="interval"), 3) == 0.849


def test_triples_become_the_raters_by_units_matrix():
    triples = [(unit + 1, "ABCD"[rater], value) for rater, row in enumerate(KRIPPENDORFF_2011)
               for unit, value in enumerate(row) if not math.isnan(value)]
    assert alpha(reliability_matrix(triples), level="nominal") == pytest.approx(113 / 152)


def test_alpha_is_undefined_without_pairs_or_without_variation():
    assert alpha([[1, 2, 3], [N, N, N]]) is None            # no unit has two ratings
    assert alpha([[2, 2, 2], [2, 2, 2]]) is None            # perfect agreement on one value: nothing to compare
    assert alpha([[1, 3], [1, 3]]) == 1.0                   # perfect agreement with variation
