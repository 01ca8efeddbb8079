"""A documenter records a case on a 360-pixel-wide phone, in Russian, in a real browser (Debian chromium)."""

from __future__ import annotations

import re

import pytest

from observatory.cases.models import Case, CaseStatus
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def site(live_server, personas, vocabularies):
    return live_server.url


def test_a_documenter_records_a_case_on_a_phone_in_russian(site, phone):
    phone.goto(f"{site}/ru/accounts/login/")
    phone.fill("#id_username", "documenter_ukr")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Войти").click()
    phone.goto(f"{site}/ru/cases/new/")
    assert phone.locator("h1").inner_text() == "Записать случай"
    # Nothing on the page is wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_label("Согласие на документирование").check()
    phone.get_by_label("Согласие на передачу сети").check()
    phone.get_by_label("Когда это произошло?").fill("2024-03")
    phone.get_by_label("Регион или город").fill("Одесса")
    phone.get_by_label("Как случай к вам поступил?").select_option("outreach")
    phone.locator("#id_acts-0-violation").select_option("police_extortion")
    # Who did it: checkboxes whose long labels wrap inside the screen instead of being cut off.
    phone.locator('#id_acts-0-perpetrators input[value="police"]').check()
    labels = phone.locator("#id_acts-0-consequences label, #id_acts-0-perpetrators label")
    assert labels.count() >= 4
    assert max(labels.evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")) <= 360
    # The extra violation blocks are folded away until asked for (the page also works without JavaScript).
    assert phone.locator("fieldset.act").nth(1).is_hidden()
    phone.get_by_label("Что произошло").fill("Потребовали деньги за то, чтобы не заводить дело.")
    phone.get_by_label("Имя").fill("Ирина")
    screenshot(phone, "case-intake-ru")
    phone.get_by_role("button", name="Отправить на проверку").click()

    phone.wait_for_url(re.compile(rf"{re.escape(site)}/ru/cases/[0-9a-f-]{{36}}/$"))
    case = Case.objects.get()
    assert case.status == CaseStatus.SUBMITTED and case.occurred_precision == "month"
    assert case.reference in phone.locator("h1").inner_text()
    assert "Ирина" not in phone.content()  # the case page shows no identity until asked
    screenshot(phone, "case-submitted-ru")
    wide = phone.evaluate("""() => Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > 361)
        .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))""")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, wide
    phone.set_viewport_size({"width": 1366, "height": 900})
    phone.goto(f"{site}/ru/cases/new/")
    screenshot(phone, "case-intake-1366")


def test_a_visitor_sees_the_regional_overview_without_choosing_a_country(site, page, make_case):
    from observatory.cases.services import ActData
    from observatory.public.tests.test_browser_dashboard import axe_violations

    for _ in range(6):  # synthetic cases
        make_case(status="verified")
    make_case("documenter_kgz", status="verified", acts=[ActData(violation="police_extortion", perpetrators=["police"])])
    page.goto(f"{site}/en/violations/?year=2024")
    assert page.locator("h2#region-title").inner_text() == "The region, 2024"
    assert page.locator("p.total strong").first.inner_text() == "7–10"  # 6 exact + one "<5"
    assert page.locator("figure.chart svg").count() >= 2  # the map and the trend
    page.locator('figure.chart a[*|href*="country=KGZ"]').first.evaluate("a => a.dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    page.wait_for_url("**country=KGZ**")
    assert "Kyrgyzstan, 2024" in page.locator("h2").first.inner_text()
    page.goto(f"{site}/ru/violations/?year=2024")
    screenshot(page, "violations-region-ru")
    assert axe_violations(page) == []
