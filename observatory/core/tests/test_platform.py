"""Platform-level promises: health check, security headers, production checks, the setup command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from django.core.management import call_command


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_pages_forbid_inline_scripts_and_framing(client, countries):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.content.decode()


def test_countries_api_and_command_agree(client, countries):
    api = client.get("/api/v1/countries").json()
    assert len(api) == 29
    georgia = next(c for c in api if c["iso3"] == "GEO")
    assert georgia == {"iso3": "GEO", "iso2": "GE", "name_en": "Georgia", "name_ru": "Грузия",
                       "subregion": "south_caucasus"}
    out = io.StringIO()
    call_command("countries", "--json", stdout=out)
    assert json.loads(out.getvalue()) == api


def test_openapi_schema_is_published(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/countries" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_setup_twice_changes_nothing(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("setup", "--no-static", stdout=first)
    call_command("setup", "--no-static", stdout=second)
    assert "countries: created 29" in first.getvalue()
    assert "countries: created 0, updated 0, unchanged 29" in second.getvalue()


def test_deploy_check_passes_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OBSERVATORY_", "DJANGO_ALLOW_ASYNC"))}
    env.update({
        "OBSERVATORY_SECRET_KEY": "x" * 20 + "production-like-secret-key-for-the-check-0123456789",
        "OBSERVATORY_MASTER_KEY": "5pT0_Bq0Jr9lQXtRz3S1Zt4fL8mJm0p5mQ5N0yR0wXw=",
        "OBSERVATORY_VAR_DIR": str(tmp_path),
        "OBSERVATORY_AUDIT_KEY": "Qm9yZWRvbS1pcy1ub3QtYS1rZXktYnV0LWl0LWlzLTMyLWJ5dGVz",
        "OBSERVATORY_ALLOWED_HOSTS": "observatory.example.org",
        "OBSERVATORY_EMAIL_HOST": "smtp.example.org",
    })
    result = subprocess.run([sys.executable, "-m", "observatory", "check", "--deploy", "--fail-level", "WARNING"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not {"secret_key", "master.key", "audit.key"} & {p.name for p in tmp_path.iterdir()}, \
        "keys given in the environment must not be generated into var/"


def test_static_files_collect_with_hashed_names_as_in_production(tmp_path):
    """``observatory setup`` collects static files for production; a broken reference (e.g. a missing source
    map named in a vendored script) would stop every fresh install."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OBSERVATORY_", "DJANGO_ALLOW_ASYNC"))}
    env.update({"OBSERVATORY_SECRET_KEY": "x" * 50, "OBSERVATORY_VAR_DIR": str(tmp_path),
                "OBSERVATORY_MASTER_KEY": "5pT0_Bq0Jr9lQXtRz3S1Zt4fL8mJm0p5mQ5N0yR0wXw=",
                "OBSERVATORY_COLLECTED_STATIC": "1"})
    result = subprocess.run([sys.executable, "-m", "observatory", "collectstatic", "--noinput"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "vendor/vega/vega-embed.min.js" in manifest["paths"]


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("observatory/favicon.svg")


def test_every_page_title_names_the_site_once(client, countries):
    import re

    for url, start in (("/en/", "Drug Policy Observatory"), ("/en/laws/", "Drug laws"),
                       ("/ru/indicators/", ""), ("/en/accounts/login/", "Sign in")):
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        site = "Обсерватория наркополитики" if url.startswith("/ru/") else "Drug Policy Observatory"
        assert title.endswith(site) and title.count(site) == 1 and title.startswith(start), (url, title)
