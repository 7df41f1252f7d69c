"""The output contract: schema validation and the exact JSON text."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.export import SchemaError, dumps, export, validate
from pipeline.model import Block, Claim, Document, Edit, Section, Source

DOSAGE = {"amount": 1000, "unit": "mcg", "frequency": "weekly", "route": None,
          "duration": None, "population": None, "substance": "vitamin B12"}


def small_doc() -> Document:
    return Document(
        "a", Source("raw/a.txt", "a" * 64, "text"), "", "Title",
        sections=[Section("Dose", 2, [Block("paragraph", text="Take 1,000mcg weekly.", refs=["1"])])],
        claims=[Claim("0123456789abcdef", "Take 1,000mcg weekly.", ["dosage"], False, False, 0, 0,
                      None, DOSAGE)],
        edits=[Edit("clean", "whitespace", "collapse_whitespace", "  ", " ", 0, 0, None)])


def test_a_document_exports_to_canonical_json():
    text = export(small_doc())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    article = json.loads(text)
    assert list(article) == ["schema_version", "id", "source", "title", "metadata", "sections",
                             "claims", "edits", "warnings"]
    assert article["schema_version"] == 2
    assert text.splitlines()[1].startswith('  "schema_version"')
    assert dumps(article) == text


@pytest.mark.parametrize("path,value,message", [
    (("claims", 0, "types"), ["cure"], "types"),
    (("sections", 0, "blocks", 0, "text"), "", "text"),
    (("source", "format"), "pdf", "format"),
    (("claims", 0, "dosage", "amount"), [1, 2, 3], "amount"),
])
def test_schema_rejects_broken_documents(path, value, message):
    article = json.loads(export(small_doc()))
    target = article
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SchemaError, match=message):
        validate(article)


def test_list_of_dosages_is_valid():
    article = json.loads(export(small_doc()))
    article["claims"][0]["dosage"] = [DOSAGE, dict(DOSAGE, amount=[500, 1500])]
    validate(article)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=20)


@settings(max_examples=500, deadline=None)
@given(JSON_VALUES)
def test_dumps_writes_what_json_dumps_writes(value):
    expected = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    assert dumps(value) == expected


def test_dumps_leaves_what_is_not_plain_json_to_json_dumps():
    assert dumps({1: "a", "b": [2.5, float("nan")]}) == \
        json.dumps({1: "a", "b": [2.5, float("nan")]}, ensure_ascii=False, indent=2) + "\n"
    with pytest.raises(TypeError):
        dumps({"a": {1, 2}})


def test_dumps_writes_subclasses_of_json_types_as_json_dumps_does():
    import collections
    import enum

    class Name(str):
        pass

    class Level(enum.IntEnum):
        TWO = 2

    class Ratio(float):
        pass

    value = collections.OrderedDict(
        [(Name("k"), Name("v")), ("level", Level.TWO), ("ratio", Ratio(0.5)), ("flag", True),
         ("pair", collections.namedtuple("Pair", "a b")(1, None)), ("none", None)])
    assert dumps([value, {}]) == json.dumps([value, {}], ensure_ascii=False, indent=2) + "\n"
