"""The never-raising wrapper of the JSON entry points (:mod:`calculators.api` and friends)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from calculators.errors import CalculatorError, Code
from calculators.results import JsonValue, to_jsonable

Form = Mapping[str, object]


def guarded(work: Callable[[], object]) -> dict[str, JsonValue]:
    """Run ``work`` and wrap its result or error as plain data; nothing escapes."""
    try:
        return {"ok": True, "result": to_jsonable(work())}
    except CalculatorError as error:
        return {"ok": False, "error": error.to_dict()}
    except Exception:
        internal = CalculatorError(Code.INTERNAL_ERROR)
        return {"ok": False, "error": internal.to_dict()}


def form_mapping(form: object) -> Form:
    """``form`` if it is a mapping of form inputs, else our error."""
    if not isinstance(form, Mapping):
        raise CalculatorError(
            Code.WRONG_TYPE, values=[form], params={"expected": "mapping of form inputs"}
        )
    return form
