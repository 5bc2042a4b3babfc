"""The API's docs page, read from its own OpenAPI document.

FastAPI's built-in pages load their scripts and styles from a CDN, which an
offline reader cannot reach and the Content-Security-Policy forbids.  This
page is plain server-rendered HTML made from the same ``/api/openapi.json``,
so it cannot drift from the routes it describes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # "path" | "query"
    type: str
    required: bool
    default: str
    constraints: str
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    #: (status, description, media types)
    responses: list[tuple[str, str, str]] = field(default_factory=list)
    example: str = ""


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        kinds = [_type_of(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(k for k in kinds if k) or "any"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(schema.get("type", "any"))


def _constraints(schema: dict[str, Any]) -> str:
    words = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "length ≥"), ("maxLength", "length ≤")):
        for s in [schema, *schema.get("anyOf", [])]:
            if key in s:
                words.append(f"{label} {s[key]}")
    return ", ".join(dict.fromkeys(words))


_EXAMPLE_VALUES = {
    "q": "Qadhafi",
    "volume_id": "frus1969-76ve09p1",
    "local_id": "d10",
    "entry_id": "p_AR_1",
    "unprinted_id": "u1f2738c53744",  # telegram 258217 to Algiers, in the bundled sample
    "limit": "5",
}


def _example(path: str, params: list[Parameter]) -> str:
    """A URL to try, or "" when a path parameter has no value that works on every
    corpus (a person's id depends on the authority data the corpus was linked with)."""
    url = path
    for p in params:
        if p.where == "path":
            value = "t_AID_1" if (p.name == "entry_id" and "/terms/" in path) else _EXAMPLE_VALUES.get(p.name)
            if value is None:
                return ""
            url = url.replace("{" + p.name + "}", value)
    query = [f"{p.name}={_EXAMPLE_VALUES[p.name]}" for p in params if p.where == "query" and p.name in _EXAMPLE_VALUES]
    return url + ("?" + "&".join(query) if query else "")


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of ``spec``, in the order the routes were declared."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                Parameter(
                    name=p["name"],
                    where=p.get("in", ""),
                    type=_type_of(p.get("schema", {})),
                    required=bool(p.get("required")),
                    default="" if p.get("schema", {}).get("default") is None else str(p["schema"]["default"]),
                    constraints=_constraints(p.get("schema", {})),
                    description=p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            ]
            responses = [
                (str(code), r.get("description", ""), ", ".join(r.get("content", {})))
                for code, r in sorted(op.get("responses", {}).items())
            ]
            out.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=op.get("operationId", f"{method}-{path}"),
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=params,
                    responses=responses,
                    example=_example(path, params),
                )
            )
    return out


__all__ = ["Operation", "Parameter", "operations"]
