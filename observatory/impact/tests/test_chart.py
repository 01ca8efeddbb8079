"""The Vega-Lite spec of an interrupted time series (pure: plain data in, a dict out).

SYNTHETIC rows in the shape the engine returns.
"""

from __future__ import annotations

from observatory.charts.impact import its_chart
from observatory.charts.specs import SCHEMA

LABELS = {"observed": "observed", "fitted": "fitted", "counterfactual": "trend continued", "band": "95% CI"}


def rows(first=2000, last=2015, cut=2010):
    return [{"time": float(y), "observed": 10.0 + y - first, "fitted": 10.0 + y - first + (3 if y >= cut else 0),
             "counterfactual": 10.0 + y - first, "ci_low": 9.0 + y - first, "ci_high": 11.0 + y - first}
            for y in range(first, last + 1)]


def spec():
    return its_chart(points=rows(), first_post_year=2010, event_label="March 2010: Synthetic event",
                     title="Synthetic outcome, Ukraine", unit="deaths", source="Source: test",
                     labels=LABELS, description="A synthetic chart.")


def layer(chart, mark):
    return [item for item in chart["layer"] if item["mark"]["type"] == mark]


def test_the_spec_has_its_text_alternative_title_and_source():
    chart = spec()
    assert chart["$schema"] == SCHEMA and chart["description"] == "A synthetic chart."
    assert chart["title"]["text"] == "Synthetic outcome, Ukraine"
    assert chart["title"]["subtitle"][-1] == "Source: test"


def test_the_band_and_the_counterfactual_start_at_the_last_year_before_the_event():
    chart = spec()
    band = layer(chart, "area")[0]
    assert [r["time"] for r in band["data"]["values"]] == [float(y) for y in range(2009, 2016)]
    assert band["encoding"]["y"]["field"] == "ci_low" and band["encoding"]["y2"]["field"] == "ci_high"
    dashed = [item for item in layer(chart, "line") if item["mark"].get("strokeDash")]
    assert dashed[0]["data"]["values"][0]["time"] == 2009.0


def test_the_fitted_line_is_broken_at_the_event_and_every_year_is_observed():
    chart = spec()
    fitted = [item for item in layer(chart, "line") if not item["mark"].get("strokeDash")][0]
    segments = {r["time"]: r["segment"] for r in fitted["data"]["values"]}
    assert segments[2009.0] == "before" and segments[2010.0] == "after"
    assert fitted["encoding"]["detail"]["field"] == "segment"
    points = layer(chart, "point")[0]
    assert len(points["data"]["values"]) == 16


def test_the_event_is_marked_where_the_model_interrupts():
    chart = spec()
    rule = layer(chart, "rule")[0]
    assert rule["data"]["values"] == [{"time": 2009.5, "label": "March 2010: Synthetic event"}]
    assert layer(chart, "text")[0]["data"]["values"][0]["label"].endswith("March 2010: Synthetic event")


def test_one_legend_names_the_four_series():
    chart = spec()
    colour = layer(chart, "point")[0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["observed", "fitted", "trend continued", "95% CI"]
    assert chart["resolve"] == {"scale": {"color": "shared"}}
