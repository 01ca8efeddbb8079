"""Exceptions raised by the impact-analysis engine.

Callers (pages, API, the ``observatory analyze`` command) catch
``AnalysisError`` and show its message instead of a number.
"""

from __future__ import annotations


class AnalysisError(ValueError):
    """The input cannot be analysed as asked; the message says why."""


class InvalidInput(AnalysisError):
    """A column is missing, has the wrong type, or an option is inconsistent."""


class InsufficientData(AnalysisError):
    """There are too few observations for the method to give a meaningful estimate."""
