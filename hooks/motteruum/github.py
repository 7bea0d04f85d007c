"""Problems as GitHub Actions workflow commands, shown on the lines of a pull request's files.

A line ``::error file=glossary/terms/nps.yml,line=12,col=3,title=en.definition::must not be
empty`` printed by a workflow step becomes an annotation at that line of the file. The
property values and the message are escaped as the Actions toolkit escapes them
(``@actions/core``, ``command.ts``): a value cannot end the command early or start a new one.
"""

from __future__ import annotations

from .problems import Problem


def escape_data(text: str) -> str:
    """The message of a workflow command: ``%``, ``\\r`` and ``\\n`` escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value of a workflow command: as the message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, command: str = "error") -> str:
    """``::error file=…,line=…,col=…,title=…::message`` for one problem (no title when the
    problem concerns the whole file)."""
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": problem.field,
    }
    listed = ",".join(
        f"{key}={escape_property(value)}" for key, value in properties.items() if value
    )
    return f"::{command} {listed}::{escape_data(problem.message)}"
