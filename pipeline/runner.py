"""Running the stages over many articles: cache, parallel jobs, errors per file, atomic writes."""
from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pipeline.model import Document
from pipeline.settings import PACKAGE_DIR, RAW_SUFFIXES, Settings
from pipeline.stages import STAGE_NAMES, build_stages

# Libraries whose version can change the output.
OUTPUT_LIBRARIES = ("trafilatura", "ftfy", "spacy", "lxml", "py3langid", "wordfreq", "codespell")


_UMASK = os.umask(0)
os.umask(_UMASK)


class DocumentTimeout(Exception):
    """A document took longer than Settings.timeout seconds."""


@dataclass
class Result:
    """What happened to one article."""

    id: str
    path: str
    status: str                      # "built", "unchanged", "failed"
    text: str | None = None          # the exported JSON (None once a worker has written it)
    sha256: str | None = None        # of the raw bytes, to report duplicates
    error: str | None = None
    stats: Counter = field(default_factory=Counter)
    snapshots: dict[str, dict] = field(default_factory=dict)


def list_raw(raw_dir: Path) -> list[Path]:
    """Every article in raw/, sorted; sidecars and hidden files are not articles."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such directory")
    return sorted(p for p in raw_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in RAW_SUFFIXES
                  and not p.name.startswith(".") and not p.name.endswith(".meta.json"))


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """A hash of the package's code, rules and models, and the versions of its libraries."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    for name in OUTPUT_LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def input_fingerprint(path: Path, settings: Settings) -> str:
    digest = hashlib.sha256(path.read_bytes())
    for sidecar in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if sidecar.exists():
            digest.update(sidecar.read_bytes())
    digest.update(code_fingerprint().encode())
    digest.update(settings.fingerprint().encode())
    return digest.hexdigest()


def display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _on_alarm(signum, frame):
    raise DocumentTimeout()


def process_path(path: Path, settings: Settings, keep_snapshots: bool = False) -> Result:
    """Read, run every stage and export one article file; never raises for a bad article."""
    from pipeline.extract import document_id, read_source

    shown = display_path(path)
    return _process(document_id(path), shown, settings, keep_snapshots,
                    lambda: read_source(path, shown, settings.max_bytes))


def process_bytes(name: str, data: bytes, meta: dict, settings: Settings,
                  shown: str | None = None) -> Result:
    """The same for an article held in memory (a record of an input shard)."""
    from pipeline.extract import document_id, source_document

    shown = shown or name
    return _process(document_id(Path(name)), shown, settings, False,
                    lambda: source_document(name, data, meta, shown, settings.max_bytes))


def _process(doc_id: str, shown: str, settings: Settings, keep_snapshots: bool, read) -> Result:
    from pipeline.export import SchemaError, export
    from pipeline.extract import InputError

    result = Result(doc_id, shown, "built")
    # An alarm signal can only be set from the main thread; engines that run documents in
    # worker threads rely on their own task time-outs instead.
    timed = bool(settings.timeout) and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, settings.timeout)
    try:
        doc = read()
        for stage in _stages(settings):
            before = len(doc.edits)
            doc = stage(doc)
            for edit in doc.edits[before:]:
                result.stats[f"{stage.name}.{edit.kind}"] += 1
            if keep_snapshots:
                result.snapshots[stage.name] = doc.to_state()
        result.stats["claims"] += len(doc.claims)
        result.stats["warnings"] += len(doc.warnings)
        result.sha256 = doc.source.sha256
        result.text = export(doc)
    except DocumentTimeout:
        result.status, result.error = "failed", f"took longer than {settings.timeout:g} s"
    except Exception as exc:  # one bad article must not stop the batch
        result.status = "failed"
        result.error = str(exc) if isinstance(exc, (InputError, SchemaError)) \
            else f"{type(exc).__name__}: {exc}"
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return result


@lru_cache(maxsize=4)
def _stages(settings: Settings):
    return tuple(build_stages(settings))


def process_document(doc: Document, settings: Settings,
                     names: tuple[str, ...] = STAGE_NAMES) -> Document:
    """Run stages over an already-read document (for stage targets and tests)."""
    for stage in build_stages(settings, names):
        doc = stage(doc)
    return doc


def write_atomic(path: Path, text: str) -> None:
    """Write to a temp file in the same directory, then rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp makes the file owner-only; an output file gets the usual mode.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Cache:
    """build/cache.json: the input fingerprint each output was built from."""

    def __init__(self, build_dir: Path):
        self.path = build_dir / "cache.json"
        try:
            self.entries: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n")


def _build(args: tuple[Path, Settings]) -> Result:
    """Build one article in memory, writing nothing (for `check`)."""
    return process_path(*args)


def _work(args: tuple[Path, Settings, bool]) -> Result:
    """Build one article and write its files here, in the worker: the parent only keeps count."""
    path, settings, keep_snapshots = args
    result = process_path(path, settings, keep_snapshots)
    if result.status == "built":
        write_atomic(settings.out_dir / f"{result.id}.json", result.text)
        for stage, state in result.snapshots.items():
            write_atomic(settings.build_dir / stage / f"{result.id}.json",
                         json.dumps(state, ensure_ascii=False) + "\n")
        result.text, result.snapshots = None, {}
    return result


def run(settings: Settings, files: list[Path] | None = None, force: bool = False,
        keep_snapshots: bool = False, log=None) -> int:
    """Build cleaned/<id>.json for every article (or the named ones); return the exit code."""
    log = log or sys.stderr
    paths = files if files else list_raw(settings.raw_dir)
    _remove_leftover_temp_files(settings.out_dir)
    cache = Cache(settings.build_dir)
    todo, results = [], []
    for path in paths:
        if not path.is_file():
            results.append(Result(path.stem, display_path(path), "failed", error="no such file"))
            continue
        out = settings.out_dir / f"{path.name[: -len(path.suffix)] or path.name}.json"
        key = input_fingerprint(path, settings)
        if not force and cache.entries.get(out.stem) == key and out.exists():
            results.append(Result(out.stem, display_path(path), "unchanged"))
        else:
            todo.append((path, key))

    keys = {display_path(p): k for p, k in todo}
    done = 0
    for result in parallel_map(settings, _work, [(p, settings, keep_snapshots) for p, _ in todo]):
        done += 1
        if result.status == "built":
            cache.entries[result.id] = keys[result.path]
            print(f"[{done}/{len(todo)}] built {result.path}", file=log)
        else:
            cache.entries.pop(result.id, None)
            print(f"error: {result.path}: {result.error}", file=log)
        results.append(result)
    cache.save()

    seen_sha: dict[str, str] = {}
    for result in results:
        if result.sha256:
            if result.sha256 in seen_sha:
                print(f"warning: {result.path}: same content as {seen_sha[result.sha256]}",
                      file=log)
            seen_sha.setdefault(result.sha256, result.path)
    if not files:
        _prune_orphans(settings, {r.id for r in results}, log)
    print(summary(results), file=log)
    return 1 if any(r.status == "failed" for r in results) else 0


# Allocations between two young-generation collections (Python's default is 700).
GC_YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    """Before a batch: move everything loaded so far (word lists, models, caches) out of the
    cyclic garbage collector's reach, and collect young objects less often. A batch makes
    many short-lived objects beside that large long-lived heap: at Python's default threshold
    the collector ran about three times an article, 1.0 ms of a text article's CPU, and 0.05
    ms at this one, with the same peak memory. Frozen pages also stay shared with forked
    workers (gc.freeze's documented use)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def parallel_map(settings: Settings, fn, args: list):
    """fn over args, in order, in --jobs worker processes (in this process for one job)."""
    if len(args) > 1:
        # Forked workers inherit what the stages loaded here, instead of each loading it.
        for stage in _stages(settings):
            stage.load()
        settle_heap()
    if settings.jobs <= 1 or len(args) <= 1:
        yield from map(fn, args)
        return
    with ProcessPoolExecutor(max_workers=settings.jobs,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(fn, args, chunksize=4)


def _remove_leftover_temp_files(out_dir: Path) -> None:
    """Temp files of a run that was killed before its rename."""
    if out_dir.is_dir():
        for tmp in out_dir.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)


def _prune_orphans(settings: Settings, ids: set[str], log) -> None:
    """An output whose raw article is gone is stale: remove it, and say so."""
    if not settings.out_dir.is_dir():
        return
    for out in sorted(settings.out_dir.glob("*.json")):
        if out.stem not in ids:
            out.unlink()
            print(f"removed {display_path(out)}: its raw article is gone", file=log)


def summary(results: list[Result]) -> str:
    counts = Counter(r.status for r in results)
    stats: Counter = Counter()
    for r in results:
        stats.update(r.stats)
    line = (f"{len(results)} articles: {counts['built']} built, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed")
    if stats:
        by_stage = " ".join(f"{k}={v}" for k, v in sorted(stats.items()))
        line += f"\n  edits and tags of built articles: {by_stage}"
    return line
