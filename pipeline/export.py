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
    # jsonschema-rs: Draft 2020-12, compiled once; 0.03 ms an article against 12 ms for the
    # pure-Python jsonschema, which made validation the slowest part of a run.
    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def validate(article: dict) -> None:
    errors = list(_validator().iter_errors(article))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.instance_path) or "(top)"
        raise SchemaError(f"schema: {where}: {first.message}"
                          + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))


def dumps(article: dict) -> str:
    """UTF-8 text, 2-space indent, keys in the contract's order, one trailing newline.

    The text of json.dumps(article, ensure_ascii=False, indent=2), written here because the
    standard library writes indented JSON in Python, a generator per level: three quarters
    of the stage's time. Anything but JSON's own types (or a key that is not a string)
    goes to json.dumps, as before.
    """
    out: list[str] = []
    try:
        _write(article, out, "\n")
    except _NotPlain:
        return json.dumps(article, ensure_ascii=False, indent=2) + "\n"
    out.append("\n")
    return "".join(out)


class _NotPlain(Exception):
    """A value _write leaves to json.dumps."""


_STRING = json.encoder.encode_basestring     # what ensure_ascii=False writes strings with (C)
_KEYS: dict[str, str] = {}      # key -> its JSON text and ": "
_MAX_KEYS = 1024


def _write(value, out: list[str], newline: str) -> None:
    """Append value as json.dumps(indent=2) writes it; `newline` ends a line at its depth."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        out.append(scalar(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            # A key as written with its ": ", made once: the contract's few keys recur.
            written = _KEYS.get(key)
            if written is None:
                if not isinstance(key, str):
                    raise _NotPlain
                written = _STRING(key) + ": "
                if len(_KEYS) < _MAX_KEYS:
                    _KEYS[key] = written
            # A scalar, most values, is written here: a call for each was a tenth of the time.
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                out.append(sep + written + scalar(item))
            else:
                out.append(sep + written)
                _write(item, out, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                out.append(sep + scalar(item))
            else:
                out.append(sep)
                _write(item, out, inner)
            sep = "," + inner
        out.append(newline + "]")
    # What is left is a subclass of a scalar type, in json.encoder's order of tests (a str
    # subclass is a string, a bool is not an int), or no JSON at all.
    elif isinstance(value, str):
        out.append(_STRING(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    else:
        raise _NotPlain


def _float(value: float) -> str:
    """A float as json.dumps writes it (allow_nan, its default)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


# How json.dumps writes a value of each scalar type (exactly that type, not a subclass).
_SCALARS = {str: _STRING, int: int.__repr__, float: _float, bool: lambda v: "true" if v else "false",
            type(None): lambda v: "null"}


def export(doc: Document) -> str:
    article = doc.to_dict()
    validate(article)
    return dumps(article)
