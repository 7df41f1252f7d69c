"""The command line as a user runs it."""
import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT, SEEDS


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_process_prints_one_articles_json(tmp_path):
    result = cli("process", str(SEEDS[1]), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == SEEDS[1].stem


def test_process_of_a_missing_file_names_it(tmp_path):
    result = cli("process", "nope.html", cwd=tmp_path)
    assert result.returncode == 1 and "nope.html" in result.stderr


def test_check_finds_stale_output_then_passes_after_run(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(SEEDS[1], tmp_path / "raw")
    assert cli("run", cwd=tmp_path).returncode == 0
    assert cli("check", cwd=tmp_path).returncode == 0
    out = tmp_path / "cleaned" / f"{SEEDS[1].stem}.json"
    out.write_text(out.read_text().replace("myelin", "MYELIN"))
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 1 and "stale" in result.stderr


def test_add_copies_into_raw_and_builds(tmp_path):
    (tmp_path / "raw").mkdir()
    src = tmp_path / "new article.txt"
    src.write_text("Vitamin B12 Basics\n\nVitamin B12 builds myelin around nerves.\n", encoding="utf-8")
    result = cli("add", str(src), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "raw" / "new article.txt").exists()
    assert (tmp_path / "cleaned" / "new article.json").exists()


def test_stage_targets_run_one_after_another(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(SEEDS[1], tmp_path / "raw")
    for stage in ("extract", "clean", "spelling", "claims", "export"):
        result = cli("stage", stage, cwd=tmp_path)
        assert result.returncode == 0, (stage, result.stderr)
    assert (tmp_path / "build" / "clean" / f"{SEEDS[1].stem}.json").exists()
    staged = (tmp_path / "cleaned" / f"{SEEDS[1].stem}.json").read_text()
    assert cli("run", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "cleaned" / f"{SEEDS[1].stem}.json").read_text() == staged
