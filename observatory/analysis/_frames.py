"""Input checks shared by the estimators (internal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from observatory.analysis.errors import InvalidInput


def require_columns(df: pd.DataFrame, columns: Iterable[str | None], *, source: str = "data") -> None:
    """Raise ``InvalidInput`` naming the first column of ``columns`` absent from ``df``."""
    if not isinstance(df, pd.DataFrame):
        raise InvalidInput(f"{source} must be a pandas DataFrame, not {type(df).__name__}")
    present = set(df.columns)
    for column in columns:
        if column is not None and column not in present:
            available = ", ".join(map(str, df.columns))
            raise InvalidInput(f"column {column!r} not found in {source} (columns: {available})")


def numeric_column(df: pd.DataFrame, column: str, *, source: str = "data") -> pd.Series:
    """Return ``df[column]`` as float64, raising ``InvalidInput`` if it is not numeric."""
    try:
        return pd.to_numeric(df[column], errors="raise").astype("float64")
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"column {column!r} in {source} must be numeric") from exc


def native(value: Any) -> Any:
    """Turn numpy scalars into plain Python numbers so results serialise to JSON.

    Non-finite floats become ``None`` because JSON has no NaN or infinity.
    Integral floats that label periods (e.g. 2005.0) are kept as floats; use
    ``native_label`` for keys.
    """
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return value if np.isfinite(value) else None
    return value


def native_label(value: Any) -> Any:
    """A period or unit label as a JSON-friendly key: integral numbers become ``int``."""
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, np.generic):
        return value.item()
    return value
