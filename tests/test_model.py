"""The shared data model: block texts, and a lossless snapshot round trip."""
from pipeline.model import Block, Claim, Document, Edit, Metadata, Section, Source


def test_block_texts_round_trip_through_with_texts():
    table = Block("table", header=["A", "B"], rows=[["1", "2"], ["3", "4"]])
    assert table.texts() == ["A", "B", "1", "2", "3", "4"]
    assert table.with_texts(["a", "b", "x", "y", "z", "w"]).rows == [["x", "y"], ["z", "w"]]


def test_state_round_trip_is_lossless():
    doc = Document("a", Source("raw/a.txt", "0" * 64, "text", "https://x.org", None, None),
                   "raw text", "T", Metadata(author="A", reviewer="R", published="2024-01-02"),
                   [Section("H", 2, [Block("list", items=["x"], ordered=True, links=["https://y.org"])])],
                   [Claim("0" * 16, "x", ["symptom"], True, False, 0, 0, "Lead:", None)],
                   [Edit("clean", "boilerplate", "share_prompt", "Share", "", 0, 0, 1)], ["w"])
    assert Document.from_state(doc.to_state()) == doc


def test_copy_is_equal_and_independent():
    doc = Document("a", Source("raw/a.txt", "0" * 64, "text"), "raw", "T", Metadata(author="A"),
                   [Section("H", 2, [Block("table", header=["a"], rows=[["1"]], refs=["[1]"])])],
                   [Claim("0" * 16, "x", ["dosage"], False, False, 0, 0, None,
                          {"amount": [1, 2], "unit": "mg"})],
                   [Edit("clean", "boilerplate", "r", "Share", "")], ["w"])
    copied = doc.copy()
    assert copied == doc
    copied.sections[0].blocks[0].rows[0][0] = "2"
    copied.claims[0].dosage["amount"][0] = 5
    copied.metadata.author = "B"
    copied.edits[0].after = "x"
    copied.warnings.append("v")
    assert doc == Document.from_state(doc.to_state())
    assert doc.sections[0].blocks[0].rows == [["1"]] and doc.claims[0].dosage["amount"] == [1, 2]
    assert doc.metadata.author == "A" and doc.edits[0].after == "" and doc.warnings == ["w"]
    assert doc.copy(title="U").title == "U"
