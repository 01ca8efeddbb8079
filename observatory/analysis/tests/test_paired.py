"""The paired mean change against a published worked example: Student's sleep data (Student, "The probable
error of a mean", Biometrika 6(1), 1908), as distributed with R (``datasets::sleep``). R's
``t.test(extra ~ group, data = sleep, paired = TRUE)`` reports t = -4.0621, df = 9, p-value = 0.002833,
95 percent confidence interval -2.4598858 -0.7001142, mean difference -1.58 (group 1 minus group 2);
here the change is group 2 minus group 1, so the signs turn."""

import pytest

from observatory.analysis.paired import TooFewPairs, paired_change

GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
GROUP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def test_students_sleep_data_as_r_reports_it():
    result = paired_change(GROUP_1, GROUP_2)
    assert result.n == 10 and result.df == 9
    assert result.mean_change == pytest.approx(1.58)
    assert result.t == pytest.approx(4.0621, abs=5e-5)
    assert result.p_value == pytest.approx(0.002833, abs=5e-7)
    assert (result.ci_low, result.ci_high) == (pytest.approx(0.7001142, abs=1e-7), pytest.approx(2.4598858, abs=1e-7))


def test_a_single_pair_gives_no_interval():
    with pytest.raises(TooFewPairs):
        paired_change([0.5], [0.8])
    with pytest.raises(ValueError, match="one score each"):
        paired_change([0.5, 0.6], [0.8])


def test_no_spread_gives_a_zero_width_interval_and_no_t():
    result = paired_change([0.2, 0.4, 0.6], [0.5, 0.7, 0.9])
    assert result.mean_change == pytest.approx(0.3) and result.ci_low == pytest.approx(result.ci_high)
    assert result.t is None and result.p_value is None
