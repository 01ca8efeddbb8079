from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from observatory.indicators.models import Observation

GOOD = """indicator,country,period,value,source
pwid_size,UKR,2018,350300,unaids_gam2019
hiv_prevalence_pwid,UKR,2017,22.6,unaids_gam2019
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_a_summary_and_is_idempotent(catalogue, tidy_csv, capsys):
    path = tidy_csv(GOOD)
    out, _ = run("import", str(path))
    assert "read 2, inserted 2, updated 0, unchanged 0, rejected 0" in out
    assert "Reading" in capsys.readouterr().err  # the progress bar
    out, _ = run("import", str(path), "--no-progress")
    assert "inserted 0, updated 0, unchanged 2" in out


def test_import_with_bad_rows_exits_non_zero_and_names_the_report(catalogue, tidy_csv):
    path = tidy_csv(GOOD + "pwid_size,Kazakstan,2018,1,unaids_gam2019\n")
    with pytest.raises(CommandError, match="1 rows rejected; nothing was imported") as error:
        run("import", str(path), "--no-progress")
    assert "errors.csv" in str(error.value)
    assert not Observation.objects.exists()


def test_import_of_a_non_data_file_is_one_readable_error(catalogue, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(CommandError) as error:
        run("import", str(path), "--no-progress")
    assert "notes.csv" in str(error.value)


def test_coverage_json_counts_per_indicator_and_country(catalogue, tidy_csv):
    run("import", str(tidy_csv(GOOD)), "--no-progress")
    out, _ = run("coverage", "--json")
    rows = json.loads(out)
    assert {"indicator": "pwid_size", "country": "UKR", "observations": 1, "first_year": 2018,
            "latest_year": 2018} in rows
