"""From the chooser to the analysis on a phone, in Russian (Debian chromium through Playwright).

SYNTHETIC data (conftest.py).
"""

from __future__ import annotations

import pytest

from observatory.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.urls("observatory.impact.tests.urls")]


def test_choose_an_outcome_and_read_the_finding_on_a_phone(live_server, counts_loaded, phone):
    phone.goto(f"{live_server.url}/ru/impact/UKR/?event=ukr-2010-synthetic")
    phone.get_by_label("Показатель исхода").select_option("drug_induced_deaths")
    phone.get_by_role("button", name="Анализировать").click()
    phone.wait_for_url("**/ru/impact/UKR/ukr-2010-synthetic/drug_induced_deaths/")
    assert "прерванного временного ряда" in phone.locator("section.finding").inner_text()
    assert phone.locator(".chart-svg svg[role=img]").count() == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the analysis page must not scroll sideways on a phone"
    screenshot(phone, "impact-analysis-ukr-ru-phone")
    phone.get_by_text("Таблица данных").click()
    assert phone.locator("details.data-table tbody tr").count() == 22


def test_the_chooser_hides_series_that_cannot_be_analysed_and_says_why(live_server, counts_loaded, load_rows, phone):
    load_rows([("threshold_criminal_opium", "UKR", 2010, 1.0, "curated_hri_gshr2020_t221")])  # one year only
    phone.goto(f"{live_server.url}/ru/impact/UKR/")
    options = phone.get_by_label("Показатель исхода").locator("option").all_inner_texts()
    assert not any("2010–2010" in option for option in options)
    phone.get_by_text("1 ряд не предложен").click()
    assert "данные лишь за 1 год, а нужно не меньше 9" in phone.locator("details.unusable").inner_text()
