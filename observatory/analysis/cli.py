"""Argument parsing and dispatch for ``observatory analyze`` (file mode, and the hook for platform data).

Pure helpers: ``add_arguments`` defines the ``its``, ``did`` and ``synth``
sub-commands on an argparse sub-parser collection, and ``run`` reads the CSV
file and returns the JSON-able result. Printing and exit codes belong to the
caller.

With ``platform=True``, ``its`` also takes the platform-data mode
(``--indicator CODE --country ISO3 --event EVENT_ID`` instead of a file); this
module stays free of Django, and ``run`` hands such options to the
``platform`` callable its caller passes (the ``observatory analyze`` command
passes the one in ``observatory.impact``).

    observatory analyze its FILE.csv --outcome COL --time COL --intervention COL
        [--offset-log COL] [--family gaussian|poisson|quasipoisson]
        [--harmonics K --period P] [--slope-change] [--hac-lags L] --json
    observatory analyze did FILE.csv --unit COL --time COL --outcome COL
        --first-treated COL [--control never|notyet] --json
    observatory analyze synth FILE.csv --unit COL --time COL --outcome COL
        --treated UNIT --treatment-time T [--predictors COL ...] --json
    observatory analyze synth FILE.csv --spec SPEC.yaml --json
    observatory analyze link FILE_A.csv [FILE_B.csv] --id COL [--columns COL[:KIND] ...]
        [--entity-regex REGEX] [--threshold P] --json
    observatory analyze its --indicator CODE --country ISO3 --event EVENT_ID
        [--family ...] [--slope-change] [--hac-lags L] --json        (platform=True)
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from observatory.analysis.errors import InvalidInput
from observatory.analysis.options import FAMILIES

if TYPE_CHECKING:
    import pandas as pd

# pandas and the estimators are imported when an analysis runs, not when the sub-commands are
# defined: ``observatory analyze --help`` must not wait seconds for statsmodels and scipy.

METHOD_DEST = "analysis_method"


PLATFORM_OPTIONS = ("indicator", "country", "event")
FILE_ONLY_OPTIONS = ("outcome", "time", "intervention")


def add_arguments(subparsers: argparse._SubParsersAction, *, platform: bool = False) -> None:
    """Add the ``its``, ``did``, ``synth`` and ``mse`` sub-commands to ``subparsers``.

    Each sub-command stores its name in ``options.analysis_method`` so that
    ``run(options)`` can dispatch on it. ``platform=True`` makes the file of
    ``its`` optional and adds ``--indicator``, ``--country`` and ``--event``
    (the column options are then checked by ``run`` rather than by argparse).
    """
    its = subparsers.add_parser(
        "its",
        help="interrupted time series (segmented regression)",
        description="Interrupted time series: level (and slope) change at an intervention."
        + (" Either a FILE.csv with --outcome, --time and --intervention, or the platform's own data with "
           "--indicator, --country and --event." if platform else ""),
    )
    if platform:
        its.add_argument("file", metavar="FILE.csv", nargs="?", help="CSV file with one row per observation")
    else:
        _add_file(its)
    file_required = not platform
    its.add_argument("--outcome", required=file_required, help="outcome column (counts for poisson families)")
    its.add_argument("--time", required=file_required, help="numeric time column (year or running month index)")
    its.add_argument("--intervention", required=file_required,
                     help="0/1 column, 1 from the first post-intervention point")
    its.add_argument("--offset-log", dest="offset_log", help="positive column whose log is an offset (e.g. population)")
    if platform:
        its.add_argument("--indicator", help="platform mode: the outcome indicator's code")
        its.add_argument("--country", help="platform mode: the country's ISO3 code")
        its.add_argument("--event", help="platform mode: the policy event's identifier (its slug)")
    its.add_argument(
        "--family", choices=FAMILIES, default=None if platform else "gaussian",
        help="default: gaussian for a file; for platform data quasipoisson for counts, gaussian for rates"
        if platform else None,
    )
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
    synth.add_argument("--spec", help="a YAML study specification (columns, donors, fitting window, predictors "
                       "with their windows, V); replaces the options below (docs/analysis.md)")
    synth.add_argument("--unit", help="unit identifier column")
    synth.add_argument("--time", help="numeric period column")
    synth.add_argument("--outcome", help="outcome column")
    synth.add_argument("--treated", help="label of the treated unit")
    synth.add_argument("--treatment-time", dest="treatment_time", type=float, help="first treated period")
    synth.add_argument("--predictors", nargs="+", help="predictor columns averaged over the pre-treatment periods")
    _add_json(synth)
    synth.set_defaults(**{METHOD_DEST: "synth"})

    link = subparsers.add_parser(
        "link",
        help="record linkage: which records describe the same person (one file: duplicates; two: links)",
        description="Fellegi-Sunter record linkage (splink, DuckDB). Column kinds: name, date, code, exact; "
                    "give COLUMN:KIND or let the kind be inferred from the values.",
    )
    link.add_argument("files", metavar="FILE.csv", nargs="+", help="one file to deduplicate, or two to link")
    link.add_argument("--id", dest="id_column", required=True, help="the column with each record's id")
    link.add_argument("--columns", nargs="+", help="columns to compare, as COLUMN or COLUMN:KIND (default: all)")
    link.add_argument("--entity-regex", dest="entity_regex",
                      help="for evaluation: the true entity is the first group of this pattern applied to the id")
    link.add_argument("--threshold", type=float, default=0.9, help="match probability for a predicted pair")
    _add_json(link)
    link.set_defaults(**{METHOD_DEST: "link"})

    mse = subparsers.add_parser(
        "mse",
        help="multiple systems estimation: the cases no list recorded",
        description="Log-linear multiple systems estimation from capture histories (one 0/1 column per list).",
    )
    _add_file(mse)
    mse.add_argument("--count", required=True, help="the column with the number of cases of each combination")
    mse.add_argument("--method", choices=("stepwise", "independence"), default="stepwise",
                     help="stepwise: add two-list interactions while they lower AIC and are significant at 0.05")
    _add_json(mse)
    mse.set_defaults(**{METHOD_DEST: "mse"})


def run(options: argparse.Namespace, *, platform: Callable[[argparse.Namespace], dict[str, Any]] | None = None
        ) -> dict[str, Any]:
    """Read ``options.file`` and run the chosen analysis; return its JSON-able dict.

    ``its`` with ``--indicator``/``--country``/``--event`` (platform mode) is
    passed to ``platform(options)`` instead. Raises ``InvalidInput`` naming the
    file when it cannot be read or lacks a column, when the two modes are mixed
    or incomplete, and any ``AnalysisError`` the estimator raises.
    """
    method = getattr(options, METHOD_DEST, None)
    if method == "its" and _platform_mode(options):
        if platform is None:
            raise InvalidInput("the platform-data mode (--indicator, --country, --event) needs the observatory")
        return platform(options)
    if method == "its":
        given = [name for name in FILE_ONLY_OPTIONS if getattr(options, name, None) is None]
        if getattr(options, "file", None) is None:
            raise InvalidInput("give a FILE.csv with --outcome, --time and --intervention, or the platform's data "
                               "with --indicator, --country and --event")
        if given:
            raise InvalidInput("file mode needs " + ", ".join(f"--{name}" for name in given))
        if options.family is None:
            options.family = "gaussian"
    from observatory.analysis._frames import require_columns

    if method == "link":
        from observatory.analysis.linkage import link_records

        if len(options.files) > 2:
            raise InvalidInput("give one file to deduplicate or two to link, not " + str(len(options.files)))
        frames = [read_table(Path(f), as_text=True) for f in options.files]
        return link_records(frames, id_column=options.id_column, columns=options.columns,
                            entity_regex=options.entity_regex, threshold=options.threshold)
    path = Path(options.file)
    df = read_table(path)
    source = str(path)
    if method == "its":
        from observatory.analysis.its import its_fit

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
        from observatory.analysis.did import did_fit

        require_columns(df, [options.unit, options.time, options.outcome, options.first_treated], source=source)
        return did_fit(
            df,
            unit=options.unit,
            time=options.time,
            outcome=options.outcome,
            first_treated=options.first_treated,
            control=options.control,
        )
    if method == "synth" and getattr(options, "spec", None):
        return _synth_from_spec(df, options, source=source)
    if method == "synth":
        from observatory.analysis.synth import synth_fit

        missing = [f"--{name.replace('_', '-')}" for name in ("unit", "time", "outcome", "treated", "treatment_time")
                   if getattr(options, name, None) is None]
        if missing:
            raise InvalidInput("synth needs --spec SPEC.yaml, or " + ", ".join(missing))
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
    if method == "mse":
        from observatory.analysis.mse import estimate

        return estimate(df, count=options.count, method=options.method).to_dict()
    raise InvalidInput(f"unknown analysis {method!r}; choose its, did, synth, mse or link")


def _synth_from_spec(df: pd.DataFrame, options: argparse.Namespace, *, source: str) -> dict[str, Any]:
    """Run the study that ``--spec`` describes; the other synth options may not be mixed in."""
    import yaml

    from observatory.analysis.synth_spec import spec_from_mapping
    from observatory.analysis.synth_study import synth_study

    mixed = [f"--{name.replace('_', '-')}" for name in ("unit", "time", "outcome", "treated", "treatment_time",
                                                         "predictors") if getattr(options, name, None)]
    if mixed:
        raise InvalidInput("--spec already names the study; drop " + ", ".join(mixed))
    path = Path(options.spec)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot read {path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path} is not valid YAML: {exc}") from exc
    try:
        spec = spec_from_mapping(data)
    except InvalidInput as exc:
        raise InvalidInput(f"{path}: {exc}") from exc
    treated = _match_label(df[spec.unit], str(spec.treated), column=spec.unit, source=source) \
        if spec.unit in df.columns else spec.treated
    labels = {}
    for field in ("donors", "exclude"):
        values = getattr(spec, field)
        if values and spec.unit in df.columns:
            labels[field] = tuple(_match_label(df[spec.unit], str(v), column=spec.unit, source=source, role=field)
                                  for v in values)
    from dataclasses import replace

    return synth_study(df, replace(spec, treated=treated, **labels))


def _platform_mode(options: argparse.Namespace) -> bool:
    """True for ``its --indicator/--country/--event``; ``InvalidInput`` when incomplete or mixed with a file."""
    given = [name for name in PLATFORM_OPTIONS if getattr(options, name, None)]
    if not given:
        return False
    missing = [name for name in PLATFORM_OPTIONS if name not in given]
    if missing:
        raise InvalidInput("the platform-data mode also needs " + ", ".join(f"--{name}" for name in missing))
    mixed = [f"--{name.replace('_', '-')}" for name in (*FILE_ONLY_OPTIONS, "offset_log")
             if getattr(options, name, None) is not None]
    if getattr(options, "file", None):
        mixed.insert(0, "FILE.csv")
    if mixed:
        raise InvalidInput("the platform-data mode takes no " + ", ".join(mixed)
                           + ": it picks the series, the offset and the intervention itself")
    if getattr(options, "harmonics", 0):
        raise InvalidInput("the platform's series are yearly: --harmonics does not apply")
    return True


def read_table(path: Path, *, as_text: bool = False) -> pd.DataFrame:
    """Read a comma-, semicolon- or tab-separated file, raising ``InvalidInput`` naming it on failure.

    ``as_text`` keeps every value as written (ids and codes with leading zeros stay whole).
    """
    import pandas as pd

    try:
        # sep=None sniffs the delimiter, so files exported with ';' (common in Europe) also load.
        return pd.read_csv(path, sep=None, engine="python", skipinitialspace=True,
                           dtype=str if as_text else None, keep_default_na=not as_text)
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot read {path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"cannot read {path}: it is a directory") from exc
    except PermissionError as exc:
        raise InvalidInput(f"cannot read {path}: permission denied") from exc
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise InvalidInput(f"cannot read {path}: not a readable CSV file ({exc})") from exc


def _match_label(values: pd.Series, label: str, *, column: str, source: str, role: str = "treated unit") -> Any:
    """Return the value in ``values`` whose text equals ``label`` (unit ids may be numbers)."""
    import pandas as pd

    for value in pd.unique(values):
        if str(value) == label:
            return value
        try:
            if float(value) == float(label):
                return value
        except (TypeError, ValueError):
            continue
    raise InvalidInput(f"{role} {label!r} not found in column {column!r} of {source}")


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="CSV file with one row per observation")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
