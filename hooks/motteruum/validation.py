"""Turn pydantic's validation errors into problems an author can act on."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import LANGUAGE_CODE_PATTERN, NAME_TAGS
from .problems import Problem
from .yamlsource import Location, SourceFile

M = TypeVar("M", bound=BaseModel)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value: put text in quotes)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def _container(model: type[BaseModel], loc: Location) -> Any:
    """The model of the mapping that contains ``loc`` (``None`` if there is none)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return None
        current = _model_in(field.annotation)
    return current if hasattr(current, "model_fields") else None


def _fields_of(model: type[BaseModel], loc: Location) -> list[str]:
    """Names of the fields allowed at the mapping that contains ``loc``."""
    container = _container(model, loc)
    return list(container.model_fields) if container is not None else []


def _bounds(model: type[BaseModel], loc: Location) -> dict[str, Any]:
    """The numeric bounds (``ge``, ``gt``, ``le``, ``lt``) declared for the field at ``loc``."""
    container = _container(model, loc)
    field = container.model_fields.get(loc[-1]) if container is not None and loc else None
    if field is None:
        return {}
    bounds: dict[str, Any] = {}

    def collect(constraints: Any) -> None:
        for constraint in constraints:
            for key in ("ge", "gt", "le", "lt"):
                if getattr(constraint, key, None) is not None:
                    bounds[key] = getattr(constraint, key)
            collect(getattr(constraint, "metadata", ()))  # a Field(...) inside Annotated

    def walk(annotation: Any) -> None:
        collect(getattr(annotation, "__metadata__", ()))
        for arg in getattr(annotation, "__args__", ()):
            walk(arg)

    collect(field.metadata)
    walk(field.annotation)
    return bounds


def _range_message(name: object, bounds: dict[str, Any], found: str) -> str:
    low = ("at least", bounds["ge"]) if "ge" in bounds else ("more than", bounds.get("gt"))
    high = ("at most", bounds["le"]) if "le" in bounds else ("less than", bounds.get("lt"))
    if "ge" in bounds and "le" in bounds:
        expected = f"between {bounds['ge']} and {bounds['le']}"
    else:
        expected = " and ".join(
            f"{words} {value}" for words, value in (low, high) if value is not None
        )
    return f"'{name}' must be {expected}, found {found}"


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _message(
    error: ErrorDetails, model: type[BaseModel], loc: Location, languages: Collection[str]
) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    name = loc[-1] if loc else ""
    if kind == "missing":
        if name in languages:
            return f"the '{name}' language is missing: add '{name}:' here"
        return f"required field '{name}' is missing"
    if kind == "extra_forbidden":
        allowed = _fields_of(model, loc)
        guess = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"unknown field '{name}'{hint}; expected one of: {', '.join(allowed)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == LANGUAGE_CODE_PATTERN:
        return (
            "expected a language code: the two or three lower-case letters of ISO 639, such "
            f"as 'en', found {value!r}"
        )
    if kind == "string_pattern_mismatch":
        return f"expected a web address starting with http:// or https://, found {value!r}"
    if kind == "string_type":
        return f"expected text, found {_describe(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}, found {_describe(value)}"
    if kind in {"list_type", "tuple_type"}:
        return f"expected a list (one '- item' per line), found {_describe(value)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"expected a mapping of fields, found {_describe(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, found {_describe(value)}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bounds = _bounds(model, loc) or dict(ctx)
        return _range_message(name, bounds, _describe(value))
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']}, found {_describe(value)}"


def validate(
    source: SourceFile, model: type[M], languages: Collection[str]
) -> tuple[M | None, list[Problem]]:
    """Validate a parsed file against ``model``; return the instance or every problem found.

    ``languages`` are the keys that hold a language's text (for clearer messages).
    """
    try:
        return model.model_validate(source.data), []
    except ValidationError as errors:
        return None, list(_problems(source, model, errors, languages))


def _problems(
    source: SourceFile, model: type[BaseModel], errors: ValidationError, languages: Collection[str]
) -> Iterator[Problem]:
    for error in errors.errors(include_url=False):
        loc: Location = _without_union_tags(tuple(error["loc"]))
        yield source.problem(loc, _message(error, model, loc, languages))


def _without_union_tags(loc: Location) -> Location:
    """Pydantic adds the tried type to the location of a union (``en.str``); drop it."""
    return tuple(
        part for part in loc if part not in _UNION_TAGS and not str(part).startswith("function-")
    )


_UNION_TAGS = frozenset({"str", "ItemText", "constrained-str", "int", "none"}) | NAME_TAGS
