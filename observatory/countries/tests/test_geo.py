"""The map shapes come from Natural Earth with the right boundary view for each country."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from observatory.countries import geo

DATA = Path(__file__).resolve().parents[3] / "data"


def _inside(point, geometry) -> bool:
    x, y = point
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        ring = polygon[0]
        inside = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
        if inside:
            return True
    return False


@pytest.fixture(scope="module")
def shapes():
    codes = [c["iso3"] for c in yaml.safe_load((DATA / "countries" / "countries.yaml").read_text())["countries"]]
    return geo.ceeca_geometries(un_view=DATA / "boundaries" / "countries-110m.json",
                                independent_view=DATA / "boundaries" / "countries-independent-50m.json",
                                iso3_codes=codes)


def test_every_covered_country_has_a_shape(shapes):
    assert len(shapes) == 29


@pytest.mark.parametrize("city, point, iso3", [
    ("Tbilisi", (44.79, 41.72), "GEO"),
    ("Simferopol (Crimea, UN view)", (34.10, 44.95), "UKR"),
    ("Pristina", (21.17, 42.66), "XKX"),
    ("Bishkek", (74.59, 42.87), "KGZ"),
    ("Chisinau", (28.86, 47.01), "MDA"),
])
def test_cities_fall_inside_their_country(shapes, city, point, iso3):
    assert _inside(point, shapes[iso3]), city
    others = [code for code, shape in shapes.items() if code not in (iso3, "SRB") and _inside(point, shape)]
    assert others == [], city


def test_svg_map_fits_the_frame(shapes):
    view_box, paths = geo.svg_map(shapes, width=960, fit_exclude={"RUS"})
    width, height = map(float, view_box.split()[2:])
    assert width == 960 and 300 < height < 900
    assert {p.iso3 for p in paths} == set(shapes)
    assert all(p.path.startswith("M") and p.path.endswith("Z") for p in paths)
