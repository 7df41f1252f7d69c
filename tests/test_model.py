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
