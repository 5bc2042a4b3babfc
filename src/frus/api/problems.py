"""Errors as RFC 9457 problem details: one JSON shape for every failure.

Every error the API returns is ``application/problem+json`` with ``type``,
``title``, ``status`` and ``detail`` (and ``instance``, the path asked for).
``type`` points at the explanation of that kind of problem on the API's own
docs page, so a client can branch on it and a person can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from frus.errors import FrusError, NotFound, QuerySyntaxError, StoreError

MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"


class BadParameter(FrusError):
    """A parameter value the corpus refused: the client's mistake, so a 400."""


class LinksMissing(StoreError):
    """A link route on a corpus ``frus link`` never ran on: the server's state,
    so a 503, but one its keeper fixes by running a command, not by waiting."""


@dataclass(frozen=True)
class ProblemType:
    name: str
    status: int
    title: str
    #: what it means and what to do, shown on the docs page
    explanation: str

    @property
    def uri(self) -> str:
        return f"/api/docs#problem-{self.name}"


PROBLEMS: dict[str, ProblemType] = {
    p.name: p
    for p in (
        ProblemType(
            "bad-query", 400, "The query could not be read",
            "The search query is not valid query syntax. `position` is the 0-based character "
            "where reading stopped and `hint` says what was expected there.",
        ),
        ProblemType(
            "bad-parameter", 400, "Bad parameter",
            "A parameter has a value the corpus cannot use (for example a sort order it does not offer).",
        ),
        ProblemType(
            "not-found", 404, "Not found",
            "No volume, document, person or term has that id, or nothing lives at that path.",
        ),
        ProblemType(
            "method-not-allowed", 405, "Method not allowed",
            "The API is read-only: every route answers GET.",
        ),
        ProblemType(
            "format-unavailable", 406, "Format not available",
            "The document exists but not in the format asked for (the store keeps no TEI source).",
        ),
        ProblemType(
            "invalid-parameters", 422, "Invalid parameters",
            "A parameter is missing, of the wrong type or out of range. "
            "`errors` lists each one with its `location` and a `message`.",
        ),
        ProblemType(
            "links-missing", 503, "Links not built",
            "The persons register, cross-references, unprinted ledger and excisions are derived by "
            "`frus link` (which `frus ingest` runs at its end), and it has not run on this corpus yet. "
            "Its keeper runs `frus link`; documents and search work meanwhile.",
        ),
        ProblemType(
            "internal", 500, "Internal error",
            "Something failed inside the server. The details went to the server log.",
        ),
        ProblemType(
            "unavailable", 503, "Corpus unavailable",
            "The corpus store or index is missing, locked or unreadable. Try again later.",
        ),
    )
}


class FieldError(BaseModel):
    location: list[str | int]
    message: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem details object."""

    type: str = Field(description="URI reference identifying the kind of problem")
    title: str
    status: int
    detail: str
    instance: str | None = None
    position: int | None = Field(default=None, description="bad-query: 0-based character offset")
    hint: str | None = Field(default=None, description="bad-query: what was expected")
    errors: list[FieldError] | None = Field(default=None, description="invalid-parameters: each bad parameter")


def problem(
    name: str, detail: str, request: Request | None = None, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    kind = PROBLEMS[name]
    body: dict[str, Any] = {
        "type": kind.uri,
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.url.path
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=kind.status, media_type=MEDIA_TYPE, headers=headers)


def wants_problem(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def from_exception(request: Request, exc: Exception) -> JSONResponse:
    """The problem response for an exception raised while serving the API."""
    if isinstance(exc, BadParameter):
        return problem("bad-parameter", str(exc), request)
    if isinstance(exc, QuerySyntaxError):
        return problem("bad-query", str(exc), request, position=exc.position, hint=exc.hint)
    if isinstance(exc, NotFound):
        return problem("not-found", str(exc) or "There is nothing at this address.", request)
    if isinstance(exc, LinksMissing):
        return problem("links-missing", str(exc), request)
    if isinstance(exc, StoreError):
        return problem("unavailable", str(exc), request)
    if isinstance(exc, RequestValidationError):
        return problem(
            "invalid-parameters", "One or more parameters are not valid.", request,
            errors=[_field_error(e) for e in exc.errors()],
        )
    if isinstance(exc, StarletteHTTPException):
        if exc.status_code == 404:
            return problem("not-found", "There is nothing at this address.", request)
        if exc.status_code == 405:
            # RFC 9110: a 405 says which methods the resource does allow
            return problem("method-not-allowed", "Only GET is allowed here.", request, headers=exc.headers)
        if 400 <= exc.status_code < 500:
            return problem("bad-parameter", str(exc.detail), request)
    # anything else is the server's fault; its words stay in the log
    return problem("internal", "The server could not answer this request.", request)


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    location = [p if isinstance(p, int) else str(p) for p in error.get("loc", ())]
    return {"location": location, "message": str(error.get("msg", "")), "type": str(error.get("type", ""))}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problems a route can return."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        kinds = [p for p in PROBLEMS.values() if p.status == status]
        out[status] = {
            "model": Problem,
            "description": "; ".join(p.title for p in kinds) or "Problem",
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return out


__all__ = ["BadParameter", "LinksMissing", "MEDIA_TYPE", "PROBLEMS", "Problem", "ProblemType", "from_exception", "problem", "responses", "wants_problem"]
