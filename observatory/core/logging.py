"""Log formatters that keep data out of the logs: an exception is logged by its kind and frames only.

An exception's message can quote the value that caused it (a name in a form, a row of a file), so
neither formatter writes it: the traceback's frames say where, the kind says what. ``JsonFormatter``
writes one JSON object per line for a log collector (``OBSERVATORY_LOG_FORMAT=json``).
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime


def exception_text(exc_info) -> str:
    kind, _value, tb = exc_info
    frames = "".join(traceback.format_tb(tb))
    return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__} (message withheld)"


class PlainFormatter(logging.Formatter):
    def formatException(self, ei):  # noqa: N802 - logging's name
        return exception_text(ei)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = f"{record.exc_info[0].__module__}.{record.exc_info[0].__qualname__}"
            entry["traceback"] = "".join(traceback.format_tb(record.exc_info[2]))
        return json.dumps(entry, ensure_ascii=False)
