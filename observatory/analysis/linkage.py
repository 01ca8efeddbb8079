"""Record linkage: which records of one or two tables describe the same person or event.

A Fellegi–Sunter model estimated without labels (u by random sampling, m by
expectation maximisation), on splink with its DuckDB backend. Each compared
column has a kind, given as ``COLUMN:KIND`` or inferred from its values:

- ``name``: compared after ``names.name_key`` (Cyrillic transliterated by
  ICAO 9303, Latin variants folded), exact / Jaro–Winkler ≥ 0.92 / ≥ 0.80, with
  term-frequency adjustment, so a match on a rare name counts for more;
- ``date``: full or partial dates (``YYYY-MM-DD``, ``YYYYMMDD``,
  ``DD.MM.YYYY``, ``YYYY-MM``, ``YYYY``), exact, or within 7 days, 62 days
  or 1 year (a partial date stands for its middle);
- ``code``: identifiers and client-code parts, upper-cased letters and digits,
  exact / one or two edits apart;
- ``exact``: a category (sex, age group, place), equal or not;
- ``key``: an opaque key (a keyed hash of a name or a birth month), equal or
  not, with term-frequency adjustment, and always usable for blocking; never
  inferred, so a caller linking pseudonymous features says so.

``link_records`` deduplicates one table or links two, and returns the
predicted pairs at the probability ``threshold``, the clusters they form
(connected components), and with ``entity_regex`` (the true entity is the
first group of the regular expression applied to the id, for evaluation only)
the true pairs, precision and recall.
"""

from __future__ import annotations

import logging
import re
from itertools import combinations
from typing import Any

import pandas as pd

from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.analysis.names import name_key, parse_date

KINDS = ("name", "date", "code", "exact", "key")
DEFAULT_THRESHOLD = 0.9
# A column with fewer distinct values than this is a category: compared exactly, never blocked on.
CATEGORY_MAX_DISTINCT = 30
MAX_RECORDS = 2_000_000
SEED = 20261204

def _code(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = re.sub(r"[^0-9A-Z]", "", str(value).upper().removesuffix(".0"))
    return text or None


def _category(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip().lower()
    return text or None


def _key(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value).strip() or None


NORMALISERS = {"name": name_key, "date": parse_date, "code": _code, "exact": _category, "key": _key}


def infer_kind(values: pd.Series) -> str:
    """The kind of a column from its values (see the module docstring)."""
    present = values.dropna().astype(str).str.strip()
    present = present[present != ""]
    if present.empty:
        return "exact"
    if present.nunique() < CATEGORY_MAX_DISTINCT:
        return "exact"
    sample = present.head(500)
    parsed = sample.map(parse_date).dropna()
    # Four digits alone are as often a postcode as a year: a column of them is a date only with plausible years.
    plausible = parsed.str.slice(0, 4).astype(int).between(1850, 2100).all() if len(parsed) else False
    if len(parsed) >= 0.9 * len(sample) and plausible:
        return "date"
    if sample.str.contains(r"\d").mean() >= 0.5:
        return "code"
    return "name"


def parse_columns(specs: list[str] | None, frame: pd.DataFrame, id_column: str) -> list[tuple[str, str]]:
    """``[(column, kind)]`` from ``COLUMN`` or ``COLUMN:KIND`` items (every other column by default)."""
    items = specs or [c for c in frame.columns if c != id_column]
    parsed = []
    for item in items:
        column, _, kind = str(item).partition(":")
        if column not in frame.columns:
            raise InvalidInput(f"column {column!r} not found (columns: {', '.join(map(str, frame.columns))})")
        if column == id_column:
            raise InvalidInput(f"the id column {id_column!r} cannot also be compared")
        if kind and kind not in KINDS:
            raise InvalidInput(f"column {column!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
        parsed.append((column, kind or infer_kind(frame[column])))
    if not parsed:
        raise InvalidInput("no columns to compare")
    return parsed


def features(frame: pd.DataFrame, *, id_column: str, columns: list[tuple[str, str]]) -> pd.DataFrame:
    """The table splink compares: ``unique_id`` and one normalised column per compared column."""
    out = pd.DataFrame({"unique_id": frame[id_column].astype(str)})
    for column, kind in columns:
        out[_feature(column)] = frame[column].map(NORMALISERS[kind]).astype("object")
    return out


def _feature(column: str) -> str:
    return "f_" + re.sub(r"[^0-9a-zA-Z_]", "_", str(column))


def link_records(
    frames: list[pd.DataFrame],
    *,
    id_column: str,
    columns: list[str] | None = None,
    entity_regex: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, Any]:
    """Deduplicate one table or link two (see the module docstring); a JSON-able dict.

    Raises ``InvalidInput`` for a missing or repeated id, an unknown column or
    kind, a threshold outside (0, 1), or an id the entity pattern does not
    match; ``InsufficientData`` when the tables are too small to estimate the
    model.
    """
    if not 1 <= len(frames) <= 2:
        raise InvalidInput("give one table to deduplicate or two to link")
    if not 0 < threshold < 1:
        raise InvalidInput(f"threshold must be between 0 and 1 (exclusive), not {threshold}")
    for number, frame in enumerate(frames, start=1):
        if id_column not in frame.columns:
            raise InvalidInput(f"table {number}: id column {id_column!r} not found")
        ids = frame[id_column].astype(str).str.strip()
        empty = (frame[id_column].isna() | (ids == "")).to_numpy()
        if empty.any():
            # Row numbers as in the file: the header is line 1.
            raise InvalidInput(f"table {number}: row {int(empty.argmax()) + 2} has no {id_column}; "
                               "every record needs an id")
        repeated = ids[ids.duplicated()]
        if not repeated.empty:
            raise InvalidInput(f"table {number}: id {repeated.iloc[0]!r} appears more than once")
    total = sum(len(f) for f in frames)
    if total > MAX_RECORDS:
        raise InvalidInput(f"{total} records; at most {MAX_RECORDS} are linked at once")
    kinds = parse_columns(columns, frames[0], id_column)
    for number, frame in enumerate(frames[1:], start=2):
        missing = [c for c, _ in kinds if c not in frame.columns]
        if missing:
            raise InvalidInput(f"table {number}: column {missing[0]!r} not found")
    pattern = _entity_pattern(entity_regex)
    tables = [features(f, id_column=id_column, columns=kinds) for f in frames]
    # A column without a single value tells the model nothing (and leaves its parameters undefined).
    empty = [(c, k) for c, k in kinds if all(t[_feature(c)].isna().all() for t in tables)]
    kinds = [item for item in kinds if item not in empty]
    if not kinds:
        raise InsufficientData("none of the compared columns has a value")
    tables = [t[["unique_id", *[_feature(c) for c, _ in kinds]]] for t in tables]
    if min(len(t) for t in tables) < 2 or total < 10:
        raise InsufficientData("too few records to estimate a linkage model (at least 10)")

    source_names = ["a", "b"][: len(tables)]
    # Checked before the model runs, so a pattern that does not fit the ids fails at once.
    truth = _true_pairs(frames, id_column, pattern, source_names) if pattern is not None else None
    predicted, clusters, fitted = _run_splink(tables, kinds, threshold=threshold)
    result: dict[str, Any] = {
        "mode": "link" if len(tables) == 2 else "dedupe",
        "threshold": threshold,
        "n_records": total,
        "columns": [{"column": c, "kind": k} for c, k in kinds],
        "columns_without_values": [c for c, _ in empty],
        "predicted_pairs": predicted,
        "n_predicted_pairs": len(predicted),
        "clusters": clusters,
        "n_entities": total - sum(len(c) - 1 for c in clusters),
        "model": fitted,
    }
    if truth is not None:
        found = {_pair_key(p) for p in predicted}
        hits = len(found & truth)
        result.update(
            true_pairs=len(truth), true_positives=hits,
            precision=hits / len(found) if found else None,
            recall=hits / len(truth) if truth else None,
        )
    return result


def _entity_pattern(regex: str | None):
    if regex is None:
        return None
    try:
        pattern = re.compile(regex)
    except re.error as exc:
        raise InvalidInput(f"--entity-regex is not a valid regular expression: {exc}") from exc
    if pattern.groups < 1:
        raise InvalidInput("--entity-regex needs a group: the entity is its first group, e.g. 'rec-(\\d+)'")
    return pattern


def _pair_key(pair: dict) -> tuple:
    left = (pair.get("source_l", "a"), pair["id_l"])
    right = (pair.get("source_r", "a"), pair["id_r"])
    return tuple(sorted([left, right]))


def _true_pairs(frames, id_column, pattern, sources) -> set[tuple]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for source, frame in zip(sources, frames):
        for record_id in frame[id_column].astype(str):
            match = pattern.search(record_id)
            if match is None:
                raise InvalidInput(f"--entity-regex does not match the id {record_id!r}")
            groups.setdefault(match.group(1), []).append((source, record_id))
    pairs = set()
    for members in groups.values():
        for left, right in combinations(members, 2):
            if len(sources) == 2 and left[0] == right[0]:
                continue  # linking two tables pairs records across them only
            pairs.add(tuple(sorted([left, right])))
    return pairs


def _identifying(kinds: list[tuple[str, str]]) -> list[str]:
    """The columns whose exact agreement anchors the prior: names, codes and keys (dates too if fewer than two)."""
    chosen = [_feature(c) for c, k in kinds if k in ("name", "code", "key")]
    return chosen if len(chosen) >= 2 else chosen + [_feature(c) for c, k in kinds if k == "date"]


PRIOR_RECALL = 0.7  # the share of true matches assumed to agree exactly on every strong column


def _prior(tables: list[pd.DataFrame], strong: list[str]) -> float:
    """The probability that two random records match, from the pairs that agree exactly on every identifying column.

    Counted here (one group-by), divided by the number of possible pairs and by
    ``PRIOR_RECALL``, and kept within [1e-6, 0.5]: such pairs are near-certain
    matches, and some true matches differ somewhere, hence the recall.
    """
    if not strong:
        return 1e-4
    keyed = [t.dropna(subset=strong) for t in tables]
    if len(tables) == 2:
        left = keyed[0].groupby(strong).size()
        right = keyed[1].groupby(strong).size()
        agreeing = float((left * right.reindex(left.index, fill_value=0)).sum())
        possible = len(tables[0]) * len(tables[1])
    else:
        sizes = keyed[0].groupby(strong).size()
        agreeing = float((sizes * (sizes - 1) / 2).sum())
        possible = len(tables[0]) * (len(tables[0]) - 1) / 2
    if possible <= 0:
        return 1e-4
    return min(0.5, max(1e-6, agreeing / possible / PRIOR_RECALL))


def _run_splink(tables: list[pd.DataFrame], kinds: list[tuple[str, str]], *, threshold: float):
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    # splink logs its progress and advice as warnings; the result carries what the user needs.
    logging.getLogger("splink").setLevel(logging.ERROR)
    comparisons, blocking = [], []
    for column, kind in kinds:
        name = _feature(column)
        if kind == "name":
            comparisons.append(cl.JaroWinklerAtThresholds(name, [0.92, 0.8]).configure(
                term_frequency_adjustments=True))
        elif kind == "date":
            comparisons.append(cl.AbsoluteDateDifferenceAtThresholds(
                name, input_is_string=True, metrics=["day", "day", "year"], thresholds=[7, 62, 1]))
        elif kind == "code":
            comparisons.append(cl.LevenshteinAtThresholds(name, [1, 2]))
        elif kind == "key":
            comparisons.append(cl.ExactMatch(name).configure(term_frequency_adjustments=True))
        else:
            comparisons.append(cl.ExactMatch(name))
        distinct = pd.concat([t[name] for t in tables]).nunique()
        if kind == "key" or (kind != "exact" and distinct >= CATEGORY_MAX_DISTINCT):
            blocking.append(block_on(name))
    if not blocking:
        blocking = [block_on(*[_feature(c) for c, _ in kinds])]
    settings = SettingsCreator(
        probability_two_random_records_match=_prior(tables, _identifying(kinds)),
        link_type="link_only" if len(tables) == 2 else "dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
    )
    db_api = DuckDBAPI()
    registered = [db_api.register(t, dataset_display_name=name) for t, name in zip(tables, ["a", "b"])]
    linker = Linker(registered if len(registered) == 2 else registered[0], settings, log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=SEED)
    trained = 0
    for rule in blocking[:3]:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule, record_sample_proportion=1.0)
            trained += 1
        except Exception as exc:  # noqa: BLE001 - splink raises plain exceptions when a rule leaves nothing to train
            logging.getLogger(__name__).info("EM on %s skipped: %s: %s", rule, type(exc).__name__, exc)
    if not trained:
        raise InsufficientData("the linkage model could not be estimated: no blocking rule left pairs to learn from")
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    frame = predictions.as_pandas_dataframe()
    clusters_frame = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold).as_pandas_dataframe()
    predicted = []
    two = len(tables) == 2
    for row in frame.sort_values("match_probability", ascending=False).itertuples(index=False):
        pair = {"id_l": str(row.unique_id_l), "id_r": str(row.unique_id_r),
                "match_probability": round(float(row.match_probability), 6)}
        if two:
            pair.update(source_l=str(row.source_dataset_l), source_r=str(row.source_dataset_r))
        predicted.append(pair)
    members: dict[str, list] = {}
    for row in clusters_frame.itertuples(index=False):
        record = str(row.unique_id) if not two else f"{row.source_dataset}:{row.unique_id}"
        members.setdefault(str(row.cluster_id), []).append(record)
    clusters = sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: (-len(m), m))
    fitted = {"probability_two_random_records_match": float(
        linker._settings_obj._probability_two_random_records_match),
        "em_blocking_rules_trained": trained, "blocking_rules": len(blocking)}
    return predicted, clusters, fitted


__all__ = ["KINDS", "infer_kind", "link_records", "parse_date"]
