"""Properties over generated input: idempotent stages, and any text gives valid JSON or a clear error."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.export import validate
from pipeline.extract import Extract, InputError, source_document
from pipeline.model import Document
from pipeline.runner import process_bytes
from pipeline.settings import Settings
from pipeline.stages import build_stages

SETTINGS = Settings(timeout=0)
WORDS = st.sampled_from(["Vitamin", "B12", "builds", "myelin", "and", "nerve", "pain", "onyl",
                         "1,000mcg", "weekly", "may", "not", "help", "numbness", "Share", "with",
                         "your", "friends!", "<b>", "&amp;", "Ã©", "–", "µg", "|", "-", "*", "1."])
LINES = st.lists(WORDS, min_size=1, max_size=14).map(" ".join)
ARTICLES = st.lists(st.one_of(LINES, st.just(""), st.just("| a | b |"), st.just("|---|---|")),
                    min_size=1, max_size=25).map("\n".join)
PROFILE = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


def _doc(text: str) -> Document | None:
    try:
        return Extract(SETTINGS)(source_document("a.txt", text.encode("utf-8"), {}, "raw/a.txt"))
    except InputError:
        return None


@PROFILE
@given(ARTICLES)
def test_every_stage_is_idempotent_on_its_own_output(text):
    doc = _doc(text)
    if doc is None:
        return
    for stage in build_stages(SETTINGS)[1:]:
        once = stage(doc)
        twice = stage(once)
        assert twice.sections == once.sections and twice.title == once.title, stage.name
        assert twice.claims == once.claims, stage.name
        assert len(twice.edits) == len(once.edits), (stage.name, twice.edits[len(once.edits):])
        doc = once


@PROFILE
@given(st.text(max_size=400))
def test_any_unicode_text_gives_schema_valid_json_or_a_clear_error(text):
    for name in ("a.txt", "a.html"):
        result = process_bytes(name, text.encode("utf-8", "surrogatepass"), {}, SETTINGS)
        if result.status == "built":
            validate(json.loads(result.text))
        else:
            assert result.error and "Traceback" not in result.error
            assert result.error.startswith(("empty file", "binary content", "not valid text"))
