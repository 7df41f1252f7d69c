"""Stage 5: the output contract: key order, JSON text, and JSON Schema validation."""
from __future__ import annotations

import json
from functools import lru_cache

from pipeline.model import Document
from pipeline.settings import SCHEMA_PATH


class SchemaError(ValueError):
    """The document does not satisfy pipeline/schema/article.schema.json."""


@lru_cache(maxsize=None)
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(article: dict) -> None:
    errors = sorted(_validator().iter_errors(article), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise SchemaError(f"schema: {where}: {first.message}"
                          + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))


def dumps(article: dict) -> str:
    """UTF-8 text, 2-space indent, keys in the contract's order, one trailing newline."""
    return json.dumps(article, ensure_ascii=False, indent=2) + "\n"


def export(doc: Document) -> str:
    article = doc.to_dict()
    validate(article)
    return dumps(article)
