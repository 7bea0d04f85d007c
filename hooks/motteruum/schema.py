"""JSON Schemas of the glossary files, for editors (yaml-language-server) and tools.

They are generated from the same pydantic models that validate the build, for the site's
languages and declared categories; ``motteruum schema`` writes them to ``glossary/schema/``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .model import framework_schema, term_schema

SCHEMA_FOLDER = "schema"
#: The comment that tells editors which schema a file follows (relative to the file).
TERM_COMMENT = "# yaml-language-server: $schema=../schema/term.schema.json"
FRAMEWORK_COMMENT = "# yaml-language-server: $schema=../schema/framework.schema.json"


def _document(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": title,
        "description": description,
    }


def schemas(languages: Sequence[str], categories: Sequence[str]) -> dict[str, str]:
    """``{file name: JSON text}`` of the term and framework schemas."""
    term = term_schema(languages, categories).model_json_schema()
    framework = framework_schema(languages).model_json_schema()
    documents = {
        "term.schema.json": _document(
            term,
            "Glossary term",
            "One term of Ühine mõtteruum: glossary/terms/<id>.yml, every language side by side.",
        ),
        "framework.schema.json": _document(
            framework,
            "Framework",
            "One framework of Ühine mõtteruum: glossary/frameworks/<id>.yml.",
        ),
    }
    return {
        name: json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, doc in documents.items()
    }
