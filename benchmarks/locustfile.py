"""Load scenarios for ``bench_load.py`` (locust). Run through that script, which prepares the server.

Two scenarios, chosen with the ``OBSERVATORY_LOAD_SCENARIO`` environment variable:

- ``public``: anonymous visitors on the three pages a probe measured (the home map, a country
  page and an indicator's observations in the API), no pause between requests;
- ``mixed``: visitors on public pages in both languages and other countries, API readers, a
  documenter recording SYNTHETIC cases through the API (with an idempotency key, as a phone
  would), and a coordinator reading the case list.

Tokens for the documenter and coordinator come from ``OBSERVATORY_LOAD_DOCUMENTER_TOKEN`` and
``OBSERVATORY_LOAD_COORDINATOR_TOKEN`` (made by ``bench_load.py`` for SYNTHETIC accounts).
"""

from __future__ import annotations

import os
import random
import uuid

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("OBSERVATORY_LOAD_SCENARIO", "mixed")
COUNTRIES = ["UKR", "GEO", "KGZ", "MDA", "KAZ", "ARM", "POL", "CZE", "LTU", "SRB"]
HEADERS = {"Accept-Encoding": "gzip"}


class PublicProbe(FastHttpUser):
    """The probe's three public URLs, one after another, as fast as the server answers."""

    wait_time = constant(0)
    weight = 1 if SCENARIO == "public" else 0

    @task
    def home(self):
        self.client.get("/en/", headers=HEADERS, name="public: /en/")

    @task
    def country(self):
        self.client.get("/en/countries/UKR/", headers=HEADERS, name="public: /en/countries/UKR/")

    @task
    def observations(self):
        self.client.get("/api/v1/observations?indicator=gbd_drug_deaths_rate_as", headers=HEADERS,
                        name="public: /api/v1/observations?indicator=...")


class Visitor(FastHttpUser):
    """Anonymous visitors across countries and both languages."""

    wait_time = constant(0)
    weight = 0 if SCENARIO == "public" else 30

    @task(3)
    def country(self):
        language = random.choice(["en", "ru"])
        self.client.get(f"/{language}/countries/{random.choice(COUNTRIES)}/", headers=HEADERS,
                        name="public: country page")

    @task(1)
    def home(self):
        self.client.get(f"/{random.choice(['en', 'ru'])}/", headers=HEADERS, name="public: home")

    @task(1)
    def indicator(self):
        self.client.get(f"/en/indicators/gbd_drug_deaths_rate_as/?countries={random.choice(COUNTRIES)}",
                        headers=HEADERS, name="public: indicator explorer")


class ApiReader(FastHttpUser):
    """A script or dashboard reading the public API."""

    wait_time = constant(0)
    weight = 0 if SCENARIO == "public" else 10

    @task(2)
    def observations(self):
        self.client.get("/api/v1/observations?indicator=gbd_drug_deaths_rate_as", headers=HEADERS,
                        name="api: observations")

    @task(1)
    def countries(self):
        self.client.get("/api/v1/countries", headers=HEADERS, name="api: countries")


class Documenter(FastHttpUser):
    """A documenter recording a SYNTHETIC case from a phone, then reading it back."""

    wait_time = constant(1)
    weight = 0 if SCENARIO == "public" else 5

    def on_start(self):
        self.auth = {"Authorization": f"Bearer {os.environ['OBSERVATORY_LOAD_DOCUMENTER_TOKEN']}"}
        terms = self.client.get("/api/v1/vocabularies/violations", name="api: vocabulary").json()
        self.violations = [term["code"] for term in terms][:5] or ["arbitrary_detention"]

    @task
    def record(self):
        key = uuid.uuid4().hex
        case = {
            "country": "UKR", "occurred_on": "2026-05", "channel": "outreach",
            "narrative": "SYNTHETIC load-test case, not a real person.",
            "victim": {"name": "SYNTHETIC Person", "sex": "", "age_group": ""},
            "acts": [{"violation": random.choice(self.violations)}],
            "consent": {"document": True, "share_network": True}, "idempotency_key": key, "submit": True,
        }
        with self.client.post("/api/v1/cases", json=case, headers=self.auth, name="documenter: record case",
                              catch_response=True) as response:
            if response.status_code not in (200, 201):
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return
            case_id = response.json()["id"]
        self.client.get(f"/api/v1/cases/{case_id}", headers=self.auth, name="documenter: read case")


class Coordinator(FastHttpUser):
    """A coordinator reading the list of cases in their country."""

    wait_time = constant(1)
    weight = 0 if SCENARIO == "public" else 5

    def on_start(self):
        self.auth = {"Authorization": f"Bearer {os.environ['OBSERVATORY_LOAD_COORDINATOR_TOKEN']}"}

    @task
    def case_list(self):
        self.client.get("/api/v1/cases?country=UKR", headers=self.auth, name="coordinator: case list")
