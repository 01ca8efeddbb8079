from __future__ import annotations

import csv
import io

import pytest

from observatory.access import SYSTEM
from observatory.indicators.services import observations_import

DATA = """indicator,country,period,value,sex,source
drug_induced_deaths,CZE,2016,30,male,emcdda_statbulletin_2019
drug_induced_deaths,CZE,2016,12,female,emcdda_statbulletin_2019
drug_induced_deaths,CZE,2016,42,,emcdda_statbulletin_2019
drug_induced_deaths,CZE,2017,43,,emcdda_statbulletin_2019
pwid_size,UKR,2018,350300,,unaids_gam2019
"""


@pytest.fixture
def loaded(catalogue, tidy_csv):
    assert observations_import(actor=SYSTEM, path=tidy_csv(DATA)).ok


def test_indicator_catalogue_api(client, loaded):
    indicators = {i["code"]: i for i in client.get("/api/v1/indicators").json()}
    deaths = indicators["drug_induced_deaths"]
    assert deaths["sources"] == ["emcdda_statbulletin_2019"]
    assert deaths["name_ru"] and deaths["unit_en"]


def test_observations_api_filters_and_names_the_source(client, loaded):
    rows = client.get("/api/v1/observations?indicator=drug_induced_deaths&country=CZE&from=2017&to=2017").json()
    assert rows == [{"indicator": "drug_induced_deaths", "country": "CZE", "period": "2017", "year": 2017,
                     "sex": None, "age_group": None, "value": 43.0, "lower": None, "upper": None, "qualifier": "",
                     "category": "", "value_text": "43", "flags": [], "note": "",
                     "source": "emcdda_statbulletin_2019", "population": None, "population_source": None}]
    by_sex = client.get("/api/v1/observations?indicator=drug_induced_deaths&year=2016&sex=female").json()
    assert [r["value"] for r in by_sex] == [12.0]


def test_observations_csv_has_source_columns(client, loaded):
    response = client.get("/api/v1/observations?indicator=pwid_size&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["value"] == "350300.0" and rows[0]["country"] == "UKR"
    assert rows[0]["source_publisher"].startswith("Joint United Nations Programme on HIV/AIDS")
    assert rows[0]["source_url"] and rows[0]["source_licence"]


def test_indicator_page_shows_definition_source_and_latest_values(client, loaded):
    page = client.get("/en/indicators/drug_induced_deaths/").content.decode()
    assert "European Monitoring Centre for Drugs and Drug Addiction" in page
    assert ">43<" in page.replace(" ", "") or "43" in page
    assert "2017" in page
    russian = client.get("/ru/indicators/drug_induced_deaths/").content.decode()
    assert "Чехия" in russian


def test_catalogue_groups_by_topic_and_searches(client, loaded):
    page = client.get("/en/indicators/").content.decode()
    assert "Deaths" in page and "/en/indicators/drug_induced_deaths/" in page
    found = client.get("/en/indicators/?q=inject").content.decode()
    assert "/en/indicators/pwid_size/" in found and "/en/indicators/population/" not in found


def test_country_page_query_count_does_not_grow_with_the_number_of_indicators(client, loaded, tidy_csv, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = False  # count the queries of rendering the page, not of the whole-page cache

    client.get("/en/countries/CZE/")  # warm the chart cache
    with CaptureQueriesContext(connection) as few:
        page = client.get("/en/countries/CZE/").content.decode()
    assert "2017" in page and "Drug-induced deaths" in page
    more = "indicator,country,period,value,source\n" + "".join(
        f"{code},CZE,2015,{n},emcdda_statbulletin_2019\n" for n, code in enumerate(
            ["dlo_use_possession", "ost_clients_methadone", "dlo_use_possession_heroin", "dlo_supply",
             "syringes_distributed_thousands", "dlo_use_possession_cannabis"], start=1))
    assert observations_import(actor=SYSTEM, path=tidy_csv(more, name="more.csv")).ok
    client.get("/en/countries/CZE/")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/en/countries/CZE/").content.decode()
    assert "Methadone" in page or "methadone" in page
    assert len(many) == len(few)


def test_staff_upload_uses_the_same_service(client, personas, catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(personas["documenter_ukr"])
    assert client.get("/en/indicators/import/").status_code == 404
    admin = personas["admin"]
    client.force_login(admin)
    device = TOTPDevice.objects.create(user=admin, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    upload = SimpleUploadedFile("deaths.csv", DATA.encode(), content_type="text/csv")
    page = client.post("/en/indicators/import/", {"file": upload, "format": "auto"}, follow=True).content.decode()
    assert "5 rows read, 5 inserted" in page
