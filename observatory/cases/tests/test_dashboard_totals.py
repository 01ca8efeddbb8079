"""The country dashboard shows the registry's published totals, with the same suppression as the public page."""

from __future__ import annotations

from observatory.cases.tests.test_statistics import counted  # noqa: F401  (fixture)


def test_dashboard_shows_suppressed_violation_totals(client, counted):  # noqa: F811
    page = client.get("/en/countries/UKR/").content.decode()
    assert "Documented human-rights violations" in page
    section = page[page.index("Documented human-rights violations"):]
    # 9 counted cases in 2024: 7 beatings and 3 extortions; the 3 must appear only as "<5".
    assert "verified 9 cases" in section
    assert "&lt;5" in section
    for small in ("<td class=\"num\">1<", "<td class=\"num\">2<", "<td class=\"num\">3<", "<td class=\"num\">4<"):
        assert small not in section
    russian = client.get("/ru/countries/UKR/").content.decode()
    assert "Задокументированные нарушения прав человека" in russian
