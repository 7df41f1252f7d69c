"""Running the pipeline over a raw/ directory: outputs, cache, errors, determinism, jobs."""
import json
import shutil

import pytest

from pipeline.runner import run
from pipeline.settings import Settings
from tests.conftest import SEEDS, article_text


def settings_for(tmp_path, **kw):
    return Settings(raw_dir=tmp_path / "raw", out_dir=tmp_path / "cleaned",
                    build_dir=tmp_path / "build", **kw)


@pytest.fixture
def project(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, raw / seed.name)
    return tmp_path


def outputs(tmp_path):
    return {p.name: p.read_bytes() for p in sorted((tmp_path / "cleaned").glob("*.json"))}


def test_builds_one_valid_file_per_article_and_skips_unchanged(project, capsys):
    assert run(settings_for(project)) == 0
    first = outputs(project)
    assert sorted(first) == sorted(f"{s.stem}.json" for s in SEEDS[:3])
    assert run(settings_for(project)) == 0
    assert "3 unchanged" in capsys.readouterr().err
    assert outputs(project) == first


def test_output_is_byte_identical_across_runs_and_jobs(project):
    run(settings_for(project, jobs=1), force=True)
    one = outputs(project)
    shutil.rmtree(project / "cleaned")
    run(settings_for(project, jobs=2), force=True)
    assert outputs(project) == one


def test_a_bad_article_is_named_and_the_rest_still_build(project, capsys):
    (project / "raw" / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00IHDR")
    (project / "raw" / "empty.txt").write_bytes(b"")
    assert run(settings_for(project)) == 1
    err = capsys.readouterr().err
    assert "error: " in err and "broken.html: binary content" in err
    assert "empty.txt: empty file" in err
    assert len(outputs(project)) == 3


def test_raw_files_are_never_modified(project):
    before = {p.name: p.read_bytes() for p in (project / "raw").iterdir()}
    run(settings_for(project))
    assert {p.name: p.read_bytes() for p in (project / "raw").iterdir()} == before


def test_output_of_a_removed_article_is_pruned(project, capsys):
    run(settings_for(project))
    (project / "raw" / SEEDS[0].name).unlink()
    run(settings_for(project))
    assert f"{SEEDS[0].stem}.json" not in outputs(project)
    assert "its raw article is gone" in capsys.readouterr().err


def test_same_article_twice_is_reported(project, capsys):
    shutil.copy(SEEDS[0], project / "raw" / "copy of article.txt")
    assert run(settings_for(project)) == 0
    assert "same content as" in capsys.readouterr().err


def test_stage_snapshots_are_written_for_inspection(project):
    run(settings_for(project), keep_snapshots=True)
    for stage in ("extract", "clean", "spelling", "claims"):
        snap = project / "build" / stage / f"{SEEDS[0].stem}.json"
        assert json.loads(snap.read_text())["id"] == SEEDS[0].stem


def test_a_sidecar_fills_source_url(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(article_text(), encoding="utf-8")
    (raw / "a.txt.meta.json").write_text('{"url": "https://example.org/a", "retrieved": "2026-01-01"}')
    run(settings_for(tmp_path))
    article = json.loads((tmp_path / "cleaned" / "a.json").read_text())
    assert article["source"]["url"] == "https://example.org/a"


def test_outputs_get_the_usual_file_mode(project):
    import os
    run(settings_for(project))
    umask = os.umask(0)
    os.umask(umask)
    for out in (project / "cleaned").glob("*.json"):
        assert out.stat().st_mode & 0o777 == 0o666 & ~umask
