"""What every app's API shares: bounded page numbers and years, and the error schemas."""

from __future__ import annotations

from ninja import Field, Query, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 100_000
YEAR_MIN, YEAR_MAX = 1900, 2100


class BoundedPageNumberPagination(PageNumberPagination):
    """Ninja's page-number pagination with an upper bound on the page (a huge page once gave a 500)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=1000)


def year_query(default=None, *, alias: str | None = None, description: str = ""):
    """A year in the query string, between 1900 and 2100 (outside: a 422, not a 500)."""
    return Query(default, alias=alias, ge=YEAR_MIN, le=YEAR_MAX, description=description)


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str = ""


class ValidationErrorOut(Schema):
    """A 422: the list of what is wrong, each naming where (``loc``) and what to do, never the value sent."""

    detail: list[ErrorItem]


class MessageOut(Schema):
    detail: str
