"""Argument parsing and dispatch for the file mode of ``observatory analyze``.

Pure helpers: ``add_arguments`` defines the ``its``, ``did`` and ``synth``
sub-commands on an argparse sub-parser collection, and ``run`` reads the CSV
file and returns the JSON-able result. Printing and exit codes belong to the
caller.

    observatory analyze its FILE.csv --outcome COL --time COL --intervention COL
        [--offset-log COL] [--family gaussian|poisson|quasipoisson]
        [--harmonics K --period P] [--slope-change] [--hac-lags L] --json
    observatory analyze did FILE.csv --unit COL --time COL --outcome COL
        --first-treated COL [--control never|notyet] --json
    observatory analyze synth FILE.csv --unit COL --time COL --outcome COL
        --treated UNIT --treatment-time T [--predictors COL ...] --json
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

import pandas as pd

from observatory.analysis._frames import require_columns
from observatory.analysis.did import did_fit
from observatory.analysis.errors import InvalidInput
from observatory.analysis.its import FAMILIES, its_fit
from observatory.analysis.synth import synth_fit

METHOD_DEST = "analysis_method"


def add_arguments(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``its``, ``did`` and ``synth`` sub-commands to ``subparsers``.

    Each sub-command stores its name in ``options.analysis_method`` so that
    ``run(options)`` can dispatch on it.
    """
    its = subparsers.add_parser(
        "its",
        help="interrupted time series (segmented regression)",
        description="Interrupted time series: level (and slope) change at an intervention.",
    )
    _add_file(its)
    its.add_argument("--outcome", required=True, help="outcome column (counts for poisson families)")
    its.add_argument("--time", required=True, help="numeric time column (year or running month index)")
    its.add_argument("--intervention", required=True, help="0/1 column, 1 from the first post-intervention point")
    its.add_argument("--offset-log", dest="offset_log", help="positive column whose log is an offset (e.g. population)")
    its.add_argument("--family", choices=FAMILIES, default="gaussian")
    its.add_argument("--harmonics", type=int, default=0, help="number of Fourier sine/cosine pairs")
    its.add_argument("--period", type=float, help="season length in time units (e.g. 12 for months)")
    its.add_argument("--slope-change", dest="slope_change", action="store_true", help="also estimate a slope change")
    its.add_argument("--hac-lags", dest="hac_lags", type=int, help="Newey-West standard errors with this many lags")
    _add_json(its)
    its.set_defaults(**{METHOD_DEST: "its"})

    did = subparsers.add_parser(
        "did",
        help="difference-in-differences with staggered adoption (Callaway & Sant'Anna)",
        description="Group-time ATTs with event-study and cohort aggregations.",
    )
    _add_file(did)
    did.add_argument("--unit", required=True, help="unit identifier column")
    did.add_argument("--time", required=True, help="numeric period column")
    did.add_argument("--outcome", required=True, help="outcome column")
    did.add_argument(
        "--first-treated", dest="first_treated", required=True, help="first treated period; 0 or empty if never"
    )
    did.add_argument("--control", choices=("never", "notyet"), default="never", help="comparison group")
    _add_json(did)
    did.set_defaults(**{METHOD_DEST: "did"})

    synth = subparsers.add_parser(
        "synth",
        help="synthetic control with placebo-in-space inference",
        description="Synthetic control for one treated unit.",
    )
    _add_file(synth)
    synth.add_argument("--unit", required=True, help="unit identifier column")
    synth.add_argument("--time", required=True, help="numeric period column")
    synth.add_argument("--outcome", required=True, help="outcome column")
    synth.add_argument("--treated", required=True, help="label of the treated unit")
    synth.add_argument(
        "--treatment-time", dest="treatment_time", type=float, required=True, help="first treated period"
    )
    synth.add_argument("--predictors", nargs="+", help="predictor columns averaged over the pre-treatment periods")
    _add_json(synth)
    synth.set_defaults(**{METHOD_DEST: "synth"})


def run(options: argparse.Namespace) -> dict[str, Any]:
    """Read ``options.file`` and run the chosen analysis; return its JSON-able dict.

    Raises ``InvalidInput`` naming the file when it cannot be read or lacks a
    column, and any ``AnalysisError`` the estimator raises.
    """
    method = getattr(options, METHOD_DEST, None)
    path = Path(options.file)
    df = read_table(path)
    source = str(path)
    if method == "its":
        require_columns(df, [options.outcome, options.time, options.intervention, options.offset_log], source=source)
        result = its_fit(
            df,
            outcome=options.outcome,
            time=options.time,
            intervention=options.intervention,
            offset_log=options.offset_log,
            family=options.family,
            harmonics=options.harmonics,
            period=options.period,
            slope_change=options.slope_change,
            hac_lags=options.hac_lags,
        )
        return result.to_dict()
    if method == "did":
        require_columns(df, [options.unit, options.time, options.outcome, options.first_treated], source=source)
        return did_fit(
            df,
            unit=options.unit,
            time=options.time,
            outcome=options.outcome,
            first_treated=options.first_treated,
            control=options.control,
        )
    if method == "synth":
        predictors = list(options.predictors or [])
        require_columns(df, [options.unit, options.time, options.outcome, *predictors], source=source)
        return synth_fit(
            df,
            unit=options.unit,
            time=options.time,
            outcome=options.outcome,
            treated=_match_label(df[options.unit], options.treated, column=options.unit, source=source),
            treatment_time=options.treatment_time,
            predictors=predictors or None,
        )
    raise InvalidInput(f"unknown analysis {method!r}; choose its, did or synth")


def read_table(path: Path) -> pd.DataFrame:
    """Read a comma-, semicolon- or tab-separated file, raising ``InvalidInput`` naming it on failure."""
    try:
        # sep=None sniffs the delimiter, so files exported with ';' (common in Europe) also load.
        return pd.read_csv(path, sep=None, engine="python")
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot read {path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"cannot read {path}: it is a directory") from exc
    except PermissionError as exc:
        raise InvalidInput(f"cannot read {path}: permission denied") from exc
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise InvalidInput(f"cannot read {path}: not a readable CSV file ({exc})") from exc


def _match_label(values: pd.Series, label: str, *, column: str, source: str) -> Any:
    """Return the value in ``values`` whose text equals ``label`` (unit ids may be numbers)."""
    for value in pd.unique(values):
        if str(value) == label:
            return value
        try:
            if float(value) == float(label):
                return value
        except (TypeError, ValueError):
            continue
    raise InvalidInput(f"treated unit {label!r} not found in column {column!r} of {source}")


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="CSV file with one row per observation")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
