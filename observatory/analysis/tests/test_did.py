"""Staggered DiD: the did package's mpdta example (see data/SOURCES.md) and the contract."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from observatory.analysis import InsufficientData, InvalidInput, did_fit

MPDTA = dict(unit="countyreal", time="year", outcome="lemp", first_treated="first.treat")

# R `did` (est_method "dr" = unconditional here, analytic standard errors), never-treated
# controls, as stored in d2cml-ai/csdid r_ref/ref_attgt.csv: (group, time) -> (att, se).
R_ATT_GT_NEVER = {
    (2004, 2004): (-0.0105032462209624, 0.0232510363681664),
    (2004, 2005): (-0.0704231581031467, 0.0309847667572767),
    (2004, 2006): (-0.137258738889403, 0.0364356642876865),
    (2004, 2007): (-0.100811363085404, 0.0343592258346732),
    (2006, 2004): (0.00652011242423301, 0.0233268051418047),
    (2006, 2005): (-0.00275081875051882, 0.0195585610358817),
    (2006, 2006): (-0.00459460695286304, 0.0177551966592763),
    (2006, 2007): (-0.0412244715462175, 0.0202291807041068),
    (2007, 2004): (0.0305066555832928, 0.01503356028013),
    (2007, 2005): (-0.00272589288611625, 0.0163958328955344),
    (2007, 2006): (-0.0310871193896889, 0.0178775113133435),
    (2007, 2007): (-0.0260544107191966, 0.0166554353492522),
}


@pytest.fixture(scope="module")
def never(mpdta):
    return did_fit(mpdta, **MPDTA)


@pytest.fixture(scope="module")
def notyet(mpdta):
    return did_fit(mpdta, control="notyet", **MPDTA)


class TestMpdtaPublished:
    def test_vignette_group_time_effects(self, never):
        cells = {(c["group"], c["time"]): c for c in never["att_gt"]}
        # did vignette "Getting Started": ATT(2004,2006) = -0.1373, ATT(2004,2007) = -0.1008.
        assert round(cells[(2004, 2006)]["att"], 4) == -0.1373
        assert round(cells[(2004, 2007)]["att"], 4) == -0.1008

    def test_vignette_pretest_p_value(self, never):
        # did vignette: Wald pre-test of parallel trends p = 0.16812.
        assert round(never["pretrend_p"], 5) == 0.16812

    def test_vignette_event_study(self, never):
        # did vignette, aggte(type = "dynamic"): overall -0.0772; e=0..3: -0.0199, -0.0510, -0.1373, -0.1008.
        assert round(never["overall_dynamic"]["att"], 4) == -0.0772
        by_event = {d["event_time"]: d["att"] for d in never["dynamic"]}
        assert [round(by_event[e], 4) for e in range(4)] == [-0.0199, -0.0510, -0.1373, -0.1008]

    def test_every_cell_matches_r_did_with_analytic_se(self, never):
        assert len(never["att_gt"]) == len(R_ATT_GT_NEVER)
        for cell in never["att_gt"]:
            att, se = R_ATT_GT_NEVER[(cell["group"], cell["time"])]
            assert cell["att"] == pytest.approx(att, rel=1e-9, abs=1e-12)
            assert cell["se"] == pytest.approx(se, rel=1e-9)

    def test_aggregations_match_r_did(self, never):
        # R did::aggte, analytic standard errors (ref_aggte.csv).
        assert never["overall_group"]["att"] == pytest.approx(-0.0310182822287484, rel=1e-9)
        assert never["overall_group"]["se"] == pytest.approx(0.0124460593209979, rel=1e-9)
        assert never["overall_dynamic"]["att"] == pytest.approx(-0.0772398214573151, rel=1e-9)
        assert never["overall_dynamic"]["se"] == pytest.approx(0.0199649890618494, rel=1e-9)
        groups = {g["group"]: (g["att"], g["se"]) for g in never["group"]}
        assert groups[2004] == pytest.approx((-0.0797491265747291, 0.0263677994350273), rel=1e-9)
        assert groups[2006] == pytest.approx((-0.0229095392495403, 0.0167033302551619), rel=1e-9)
        assert groups[2007] == pytest.approx((-0.0260544107191966, 0.0166554353492522), rel=1e-9)
        dynamic = {d["event_time"]: (d["att"], d["se"]) for d in never["dynamic"]}
        assert dynamic[-3] == pytest.approx((0.0305066555832928, 0.01503356028013), rel=1e-9)
        assert dynamic[-1] == pytest.approx((-0.0244587449711696, 0.0142364022105193), rel=1e-9)
        assert dynamic[1] == pytest.approx((-0.0509573670651939, 0.016893476268678), rel=1e-9)

    def test_not_yet_treated_controls_match_r_did(self, notyet):
        cells = {(c["group"], c["time"]): (c["att"], c["se"]) for c in notyet["att_gt"]}
        assert cells[(2004, 2004)] == pytest.approx((-0.0193723636759221, 0.0223101128836806), rel=1e-9)
        assert cells[(2004, 2006)] == pytest.approx((-0.136274346328678, 0.03540338496891), rel=1e-9)
        assert cells[(2006, 2004)] == pytest.approx((-0.00256255094261098, 0.0225302351453388), rel=1e-9)
        assert cells[(2007, 2005)] == pytest.approx((-0.0024106128000969, 0.0160312963755178), rel=1e-9)
        assert notyet["overall_group"]["att"] == pytest.approx(-0.030462228112565, rel=1e-9)
        assert notyet["overall_group"]["se"] == pytest.approx(0.0125751201316818, rel=1e-9)
        assert notyet["overall_dynamic"]["att"] == pytest.approx(-0.0773993139705847, rel=1e-9)
        assert notyet["overall_dynamic"]["se"] == pytest.approx(0.0195601769463944, rel=1e-9)
        assert notyet["control"] == "notyet"


class TestContract:
    def test_json_shape(self, never):
        for key in ("att_gt", "overall_group", "overall_dynamic", "pretrend_p"):
            assert key in never
        assert set(never["att_gt"][0]) == {"group", "time", "att", "se"}
        assert set(never["overall_group"]) == {"att", "se"}
        assert set(never["overall_dynamic"]) == {"att", "se"}
        assert never["n_units"] == 500
        assert never["n_dropped_units"] == 0
        json.dumps(never, allow_nan=False)

    def test_missing_first_treated_means_never_treated(self, mpdta, never):
        blank = mpdta.copy()
        blank["first.treat"] = blank["first.treat"].replace(0, np.nan)
        assert did_fit(blank, **MPDTA)["overall_dynamic"] == never["overall_dynamic"]

    def test_unbalanced_units_are_dropped_and_counted(self, mpdta):
        gappy = mpdta.drop(index=mpdta.index[(mpdta["countyreal"] == 8001) & (mpdta["year"] == 2005)])
        result = did_fit(gappy, **MPDTA)
        assert result["n_units"] == 499
        assert result["n_dropped_units"] == 1

    def test_treated_from_first_period_is_dropped(self, mpdta):
        early = mpdta.copy()
        early.loc[early["countyreal"] == 8001, "first.treat"] = 2003
        result = did_fit(early, **MPDTA)
        assert result["n_dropped_units"] == 1
        assert {c["group"] for c in result["att_gt"]} == {2004, 2006, 2007}

    def test_no_never_treated_unit_is_refused_for_never_control(self, mpdta):
        treated_only = mpdta[mpdta["first.treat"] > 0]
        with pytest.raises(InsufficientData, match="no never-treated unit"):
            did_fit(treated_only, **MPDTA)
        # Not-yet-treated controls still identify the early cohorts.
        result = did_fit(treated_only, control="notyet", **MPDTA)
        assert {(c["group"], c["time"]) for c in result["att_gt"]} >= {(2004, 2005), (2006, 2006)}

    def test_first_treated_must_be_constant_within_unit(self, mpdta):
        broken = mpdta.copy()
        broken.loc[(broken["countyreal"] == 8001) & (broken["year"] == 2003), "first.treat"] = 2006
        with pytest.raises(InvalidInput, match="constant within each countyreal"):
            did_fit(broken, **MPDTA)

    def test_missing_column_is_named(self, mpdta):
        with pytest.raises(InvalidInput, match="column 'cohort' not found"):
            did_fit(mpdta, unit="countyreal", time="year", outcome="lemp", first_treated="cohort")

    def test_unknown_control_is_refused(self, mpdta):
        with pytest.raises(InvalidInput, match="control must be"):
            did_fit(mpdta, control="all", **MPDTA)

    def test_no_treated_unit_is_refused(self):
        df = pd.DataFrame({"u": [1, 1, 2, 2], "t": [1, 2, 1, 2], "y": [1.0, 2.0, 3.0, 4.0], "g": [0, 0, 0, 0]})
        with pytest.raises(InsufficientData, match="no unit is treated"):
            did_fit(df, unit="u", time="t", outcome="y", first_treated="g")
