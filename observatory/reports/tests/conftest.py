"""Data for the reports tests: the shipped catalogue, laws and events, and synthetic indicator values.

The indicator values below are synthetic test data (not real figures): round
numbers chosen so that a test can find them in the text of a PDF.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

COUNTRIES = ["UKR", "GEO", "MDA", "KAZ", "ARM", "KGZ"]


def synthetic_rows() -> str:
    lines = ["indicator,country,period,value,source"]
    for i, iso3 in enumerate(COUNTRIES):
        for year in range(2010, 2020):
            lines.append(f"gbd_drug_deaths_rate_as,{iso3},{year},{1 + i + (year - 2010) * 0.1:.1f},ihme_gbd2019_owid")
            lines.append(f"gbd_hiv_deaths_rate_as,{iso3},{year},{2 + i * 2 + (year - 2010) * 0.5:.1f},"
                         "ihme_gbd2019_owid_hiv_rates")
        lines.append(f"ost_coverage,{iso3},2018,{5 + i * 3},unaids_gam2019")
        lines.append(f"hiv_prevalence_pwid,{iso3},2018,{30 - i * 4},unaids_gam2019")
        lines.append(f"population,{iso3},2019,{(i + 1) * 4_000_000},worldbank_population")
        lines.append(f"prisoners_drug_offences,{iso3},2017,{(i + 1) * 1234},unodc_cts_prisons_2023")
    return "\n".join(lines) + "\n"


@pytest.fixture(autouse=True)
def _report_cache(settings, tmp_path):
    """Each test has its own disk cache of generated PDFs."""
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def countries(db):
    """The shipped countries without their boundaries (decoding them takes seconds; only maps need them)."""
    from observatory.laws.tests.helpers import countries_quick

    return countries_quick()


@pytest.fixture
def countries_with_shapes(db):
    from observatory.access import SYSTEM
    from observatory.countries.models import Country
    from observatory.countries.services import countries_load

    countries_load(actor=SYSTEM)
    return {c.iso3: c for c in Country.objects.all()}


def _load(tmp_path):
    from observatory.access import SYSTEM
    from observatory.events.services import events_load
    from observatory.indicators.services import catalogue_load, observations_import
    from observatory.laws.services import laws_load
    from observatory.scorecard.services import survey_questions_load

    catalogue_load(actor=SYSTEM)
    path = tmp_path / "synthetic.csv"
    path.write_text(synthetic_rows(), encoding="utf-8")
    result = observations_import(path=path, actor=SYSTEM)
    assert result.ok, result.issues[:3]
    laws_load(actor=SYSTEM)
    events_load(actor=SYSTEM)
    survey_questions_load(actor=SYSTEM)


@pytest.fixture
def brief_data(countries, tmp_path):
    """Catalogue, synthetic values, the shipped laws, policy events and survey questions."""
    _load(tmp_path)
    return countries


@pytest.fixture
def regional_data(countries_with_shapes, tmp_path):
    _load(tmp_path)
    return countries_with_shapes


def verified_login(client, user):
    """Sign ``user`` in with a confirmed second factor, as after a real sign-in with a TOTP code."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, whitespace made plain (no-break and thin spaces become spaces), lines joined.

    The documents are not hyphenated, so a hyphen at the end of a line is a real one ("age-standardised"
    broken after "age-"): the line break after it is dropped.
    """
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for space in ("\xa0", "\u202f", "\u2009"):
        text = text.replace(space, " ")
    return re.sub(r"(\w)- (?=\w)", r"\1-", " ".join(text.split()))


def require_tool(name: str, package: str = "poppler-utils") -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed: apt-get install {package}")
    return path


def first_page_png(pdf: bytes, name: str) -> None:
    """Keep the PDF and its first page as a PNG (pdftoppm) in test-artifacts/ for a person to look at."""
    from observatory.testing.browser import ARTIFACTS

    pdftoppm = require_tool("pdftoppm")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    target = ARTIFACTS / f"{name}-page1"
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source), str(target)],
                   check=True, timeout=60)
    assert target.with_suffix(".png").stat().st_size > 10_000
    return target.with_suffix(".png")


def filled_to(png) -> float:
    """How far down the first page the content reaches, as a share of the page above the footer."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    body = int(height * 0.92)  # the footer line sits in the last 8 % of the page
    pixels = image.load()
    for y in range(body - 1, 0, -1):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            return y / body
    return 0.0
