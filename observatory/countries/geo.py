"""Country shapes: decoding TopoJSON and drawing an SVG map on the server.

Pure functions, no database. The map is plain SVG so that it works on a slow
phone without JavaScript; the same GeoJSON feeds Vega-Lite charts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [tuple(p) for p in arc]
        arcs.append(points)
    return arcs


def _ring(arc_indexes: Iterable[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point.
        ring.extend(points[1:] if ring else points)
    return [[round(x, 5), round(y, 5)] for x, y in ring]


def topojson_features(path: Path, object_name: str = "countries") -> list[dict]:
    """All features of a TopoJSON object as GeoJSON features (lon/lat degrees)."""
    topology = json.loads(Path(path).read_text())
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": geometry.get("properties", {}),
                "geometry": {"type": kind, "coordinates": coordinates},
            }
        )
    return features


def ceeca_geometries(*, un_view: Path, independent_view: Path, iso3_codes: Iterable[str]) -> dict[str, dict]:
    """GeoJSON geometry for each requested country.

    Every country comes from the UN-view file; Kosovo (``XKX``), which that view
    merges into Serbia, comes from the independent-view file (``adm0A3 = KOS``).
    Countries found in neither are absent from the result.
    """
    wanted = set(iso3_codes)
    result: dict[str, dict] = {}
    for feature in topojson_features(un_view):
        iso3 = feature["properties"].get("isoA3") or feature["properties"].get("adm0A3")
        if iso3 in wanted:
            result[iso3] = feature["geometry"]
    if "XKX" in wanted:
        for feature in topojson_features(independent_view):
            if feature["properties"].get("adm0A3") == "KOS":
                result["XKX"] = feature["geometry"]
    return result


def _polygons(geometry: Mapping) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _unwrap(lon: float) -> float:
    # Chukotka crosses the antimeridian; keep the region's map continuous.
    return lon + 360 if lon < -150 else lon


@dataclass(frozen=True)
class AlbersProjection:
    """Albers equal-area conic projection, suited to a wide mid-latitude region."""

    lon0: float = 50.0
    lat0: float = 50.0
    parallel1: float = 43.0
    parallel2: float = 62.0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        phi1, phi2 = math.radians(self.parallel1), math.radians(self.parallel2)
        n = (math.sin(phi1) + math.sin(phi2)) / 2
        c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
        rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(self.lat0))) / n
        rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        theta = n * math.radians(_unwrap(lon) - self.lon0)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)


@dataclass(frozen=True)
class MapShape:
    iso3: str
    path: str  # SVG path data in the map's coordinate system


def svg_map(
    geometries: Mapping[str, dict],
    *,
    width: int = 960,
    projection=None,
    fit_exclude: Iterable[str] = (),
    pad: float = 0.04,
) -> tuple[str, list[MapShape]]:
    """Project the geometries and fit them into a ``width``-wide view box.

    Returns the ``viewBox`` attribute and one path per country, in the order of
    ``geometries``. Countries in ``fit_exclude`` are drawn but do not set the
    frame: Russia would otherwise shrink the Balkans to specks on a phone, so the
    frame follows the other countries and Russia runs off its edge.
    Coordinates are rounded to one decimal to keep the page small.
    """
    excluded = set(fit_exclude)
    projection = projection or AlbersProjection()
    projected: dict[str, list[list[list[tuple[float, float]]]]] = {}
    xs: list[float] = []
    ys: list[float] = []
    for iso3, geometry in geometries.items():
        polygons = []
        for polygon in _polygons(geometry):
            rings = []
            for ring in polygon:
                points = [projection(lon, lat) for lon, lat in ring]
                if iso3 not in excluded:
                    xs.extend(p[0] for p in points)
                    ys.extend(p[1] for p in points)
                rings.append(points)
            polygons.append(rings)
        projected[iso3] = polygons
    if not xs:
        return f"0 0 {width} {width // 2}", []
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    dx, dy = (max_x - min_x) * pad, (max_y - min_y) * pad
    min_x, max_x, min_y, max_y = min_x - dx, max_x + dx, min_y - dy, max_y + dy
    scale = width / (max_x - min_x)
    height = math.ceil((max_y - min_y) * scale)
    shapes = []
    for iso3, polygons in projected.items():
        parts = []
        for rings in polygons:
            for ring in rings:
                # SVG's y axis points down.
                coords = [f"{(x - min_x) * scale:.1f},{(max_y - y) * scale:.1f}" for x, y in ring]
                parts.append("M" + "L".join(coords) + "Z")
        shapes.append(MapShape(iso3=iso3, path="".join(parts)))
    return f"0 0 {width} {height}", shapes
