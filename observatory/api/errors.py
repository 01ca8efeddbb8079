"""How the API answers bad input: always a 4xx with a JSON body, never a 500, never the value back.

- a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413;
- a body that is not ``application/json``: 415;
- JSON that does not parse, or holds text that is not valid Unicode (a lone surrogate such as
  ``"\\ud800"``, which no database can store): 422;
- parameters that fail validation: 422 with a list of ``{loc, msg, type}``, without the submitted
  value (``input``) or its context (``ctx``), which could echo a person's details back into a log
  or a screen;
- page numbers and years are bounded (``observatory/core/pagination.py``).
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from observatory.core.apitools import ErrorItem, MessageOut, ValidationErrorOut
from observatory.core.ratelimit import RateLimited

def _has_lone_surrogate(value) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class ApiBodyMiddleware:
    """Check a JSON body before the API reads it: size (413), type (415), syntax and Unicode (422)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and request.method in ("POST", "PUT", "PATCH"):
            problem = _body_problem(request)
            if problem is not None:
                status, detail = problem
                return JsonResponse({"detail": detail}, status=status)
        return self.get_response(request)


def _body_problem(request):
    try:
        body = request.body
    except RequestDataTooBig:
        return 413, "The request body is too large."
    if not body:
        return None
    if request.content_type != "application/json":
        return 415, "Send the body as JSON with the header Content-Type: application/json."
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return 422, [{"loc": ["body"], "msg": "The body is not valid JSON.", "type": "json_invalid"}]
    if _has_lone_surrogate(data):
        return 422, [{"loc": ["body"], "msg": "The text holds characters that are not valid Unicode (a lone "
                                               "surrogate); send UTF-8 text.", "type": "unicode_invalid"}]
    return None


def _clean(error: dict) -> dict:
    return {"loc": [str(part) if not isinstance(part, int) else part for part in error.get("loc", [])],
            "msg": str(error.get("msg", "Invalid value.")), "type": str(error.get("type", ""))}


def install(api) -> None:
    """Register the handlers on the NinjaAPI."""

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        return api.create_response(request, {"detail": [_clean(error) for error in exc.errors]}, status=422)

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc):
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        response["Retry-After"] = str(exc.seconds)
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return api.create_response(request, {"detail": "The request body is too large."}, status=413)


# What every operation may answer besides its own responses, with the body each has.
_MESSAGE = "#/components/schemas/MessageOut"
_INVALID = "#/components/schemas/ValidationErrorOut"
_COMMON = {
    400: ("A query the server cannot answer as asked; the message says what to change.", _MESSAGE),
    404: ("No such record, or one this caller may not see (the two are indistinguishable).", _MESSAGE),
    422: ("Invalid parameters or body: a list of {loc, msg, type}, never the value sent.", _INVALID),
}
_SECURED = {429: ("Too many requests or wrong tokens from this address; wait Retry-After seconds.", _MESSAGE),
            401: ("No token, or an expired or revoked one.", _MESSAGE)}
_WITH_BODY = {
    413: ("The body is larger than the server accepts.", _MESSAGE),
    415: ("The body is not sent as application/json.", _MESSAGE),
}


class ObservatoryAPI(NinjaAPI):
    """The NinjaAPI whose schema documents the error answers every operation can give.

    The fuzz test (``observatory/api/tests/test_fuzz.py``) holds every answer to the schema, so
    an error a client can receive is one the schema names, with the body it has.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (MessageOut, ValidationErrorOut, ErrorItem):
            components.setdefault(model.__name__, model.model_json_schema(ref_template="#/components/schemas/{model}"))
        for item in schema.get("paths", {}).values():
            for method, operation in item.items():
                if method not in {"get", "post", "put", "patch", "delete"}:
                    continue
                extra = dict(_COMMON)
                if operation.get("security"):
                    extra |= _SECURED
                if operation.get("requestBody"):
                    extra |= _WITH_BODY
                responses = operation.setdefault("responses", {})
                for status, (description, ref) in extra.items():
                    if status in responses or str(status) in responses:
                        continue
                    responses.setdefault(status, {"description": description,
                                                  "content": {"application/json": {"schema": {"$ref": ref}}}})
        return schema
