"""Shards of raw articles in, JSONL shards of the output contract out, on a local or Dask engine."""
from __future__ import annotations

import base64
import binascii
import ctypes
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pipeline.runner import DocumentTimeout, Result, code_fingerprint, process_bytes
from pipeline.settings import Settings

SHARD_SUFFIXES = (".jsonl", ".parquet")
# A chunk of records is one task: small enough to spread a few big shards over every worker,
# big enough that the per-task cost of the engine (a few ms on Dask) stays around 1%.
CHUNK_RECORDS = 16
CHUNK_BYTES = 4_000_000
RAY_REFUSED = (
    "--engine ray is not supported: ray[data] with dask[bag] makes a 634 MB environment, "
    "Ray adds about 5 s of start-up and only overhead on 2 cores, and its writers name "
    "files by UUID; use --engine dask (pip install .[scale]), which runs the same shards "
    "on one machine or on a cluster (--scheduler tcp://host:8786)")
DASK_MISSING = ("--engine dask needs the optional scale extra: pip install .[scale] "
                "(or pip install -r requirements-scale.lock)")


class EngineError(Exception):
    """A problem with the command itself (engine, shards, cluster): nothing was processed."""


@dataclass(frozen=True)
class Shard:
    """One input shard and the output files named after it."""

    path: Path
    kind: str                        # "jsonl" or "parquet"

    @property
    def stem(self) -> str:
        return self.path.name[: -len(self.path.suffix)]

    @property
    def shown(self) -> str:
        return self.path.as_posix()


@dataclass
class Chunk:
    """Consecutive records of one shard; `items` are (record number, record, problem)."""

    shard: int
    items: list
    first: bool
    last: bool


# ---------------------------------------------------------------------------- reading shards

def find_shards(inputs: list[str | Path]) -> list[Shard]:
    """Shard files named, or found (sorted) in directories named, in the order given."""
    shards: list[Shard] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            # *.errors.jsonl are this command's own reports, not shards of articles.
            found = sorted(p for p in path.iterdir() if p.is_file()
                           and p.suffix.lower() in SHARD_SUFFIXES and not p.name.startswith(".")
                           and not p.name.endswith(".errors.jsonl"))
            if not found:
                raise EngineError(f"{path}: no .jsonl or .parquet shards in this directory")
            shards.extend(Shard(p, p.suffix.lower()[1:]) for p in found)
        elif path.is_file():
            if path.suffix.lower() not in SHARD_SUFFIXES:
                raise EngineError(f"{path}: a shard must be .jsonl or .parquet")
            shards.append(Shard(path, path.suffix.lower()[1:]))
        else:
            raise EngineError(f"{path}: no such file or directory")
    # The output is named after the shard, so two shards with one stem would overwrite each other.
    seen: dict[str, Shard] = {}
    for shard in shards:
        if shard.stem in seen:
            raise EngineError(f"{seen[shard.stem].shown} and {shard.shown} would both write "
                              f"{shard.stem}.jsonl; rename one")
        seen[shard.stem] = shard
    if any(s.kind == "parquet" for s in shards):
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise EngineError("Parquet shards need pyarrow (pip install pyarrow), "
                              "or convert them to JSONL") from None
    return shards


def iter_records(shard: Shard) -> Iterator[tuple[int, dict | None, str | None]]:
    """(record number, record, problem): JSONL records are numbered by line, Parquet by row."""
    try:
        if shard.kind == "parquet":
            yield from _parquet_records(shard.path)
        else:
            yield from _jsonl_records(shard.path)
    except (OSError, ValueError) as exc:
        yield -1, None, f"cannot read the rest of the shard: {type(exc).__name__}: {exc}"


def _jsonl_records(path: Path):
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield number, None, f"line is not UTF-8: {exc}"
                continue
            except ValueError as exc:
                yield number, None, f"line is not JSON: {exc}"
                continue
            if not isinstance(record, dict):
                yield number, None, "line is not a JSON object"
                continue
            yield number, record, None


def _parquet_records(path: Path):
    import pyarrow.parquet as pq

    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        for record in batch.to_pylist():
            number += 1
            yield number, record, None


def iter_chunks(shards: list[Shard]) -> Iterator[Chunk]:
    """Every shard's records in order, cut into chunks that never span two shards."""
    for index, shard in enumerate(shards):
        items: list = []
        size = 0
        first = True
        last_number = 0
        for number, record, problem in iter_records(shard):
            if number < 0:                 # a read error: name the record it stopped at
                number = last_number + 1
            last_number = number
            items.append((number, record, problem))
            size += _record_size(record)
            if len(items) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
                yield Chunk(index, items, first, False)
                items, size, first = [], 0, False
        yield Chunk(index, items, first, True)


def _record_size(record: dict | None) -> int:
    if not record:
        return 0
    return sum(len(v) for v in record.values() if isinstance(v, (str, bytes)))


# ---------------------------------------------------------------------------- one record

def record_bytes(record: dict) -> tuple[str, bytes, dict]:
    """(name, raw bytes, sidecar fields) of a record, or ValueError naming what is wrong."""
    name = record.get("name")
    if not isinstance(name, str) or not Path(name).name:
        raise ValueError('no "name" (the article\'s file name, whose suffix says html or text)')
    has_text, has_b64 = record.get("content") is not None, record.get("content_base64") is not None
    if has_text == has_b64:
        raise ValueError('needs exactly one of "content" and "content_base64"')
    if has_text:
        content = record["content"]
        if isinstance(content, bytes):     # a Parquet binary column holds the raw bytes
            data = content
        elif isinstance(content, str):
            data = content.encode("utf-8")
        else:
            raise ValueError('"content" must be a string')
    else:
        try:
            data = base64.b64decode(record["content_base64"], validate=True)
        except (binascii.Error, TypeError, ValueError) as exc:
            raise ValueError(f'"content_base64" is not base64: {exc}') from None
    meta = {key: record.get(key) for key in ("url", "retrieved", "license")}
    return name, data, meta


def process_record(record: dict, settings: Settings) -> Result:
    """The per-document function of the pipeline, unchanged, on one shard record."""
    try:
        name, data, meta = record_bytes(record)
    except ValueError as exc:
        shown = record.get("name") if isinstance(record.get("name"), str) else "?"
        return Result("?", shown, "failed", error=str(exc))
    if threading.current_thread() is threading.main_thread() or not settings.timeout:
        return process_bytes(name, data, meta, settings)
    try:
        return _time_limited(lambda: process_bytes(name, data, meta, settings), settings.timeout)
    except DocumentTimeout:
        return Result(name, name, "failed", error=f"took longer than {settings.timeout:g} s")


def _time_limited(func, seconds: float):
    """Raise DocumentTimeout in this thread after `seconds`.

    process_bytes limits time with SIGALRM, which only works in a main thread; Dask runs tasks
    in worker threads, so a timer thread raises the exception asynchronously instead. It lands
    at the next Python bytecode: a single long call into C (one regex, one parse) finishes first.
    """
    thread_id = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    done = False

    def fire():
        with lock:
            if not done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id,
                                                           ctypes.py_object(DocumentTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return func()
    finally:
        with lock:
            done = True
            # Withdraw an exception set but not yet raised, so it cannot hit the next record.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)
        timer.cancel()


def process_chunk(items: list, settings: Settings) -> list[tuple]:
    """(record number, name, output line, sha256, problem) for each record of a chunk."""
    out = []
    for number, record, problem in items:
        if problem is not None:
            out.append((number, None, None, None, problem))
            continue
        result = process_record(record, settings)
        name = record.get("name") if isinstance(record.get("name"), str) else None
        if result.status == "built":
            article = json.loads(result.text)
            line = json.dumps(article, ensure_ascii=False, separators=(",", ":"))
            out.append((number, name, line, article["source"]["sha256"], None))
        else:
            out.append((number, name, None, None, result.error))
    return out


# ---------------------------------------------------------------------------- engines

class _Done:
    """A finished 'future', for one job in this process (no pool, SIGALRM works)."""

    def __init__(self, func, args):
        try:
            self.value, self.exc = func(*args), None
        except Exception as exc:  # reported per record, like a failed worker
            self.value, self.exc = None, exc

    def result(self):
        if self.exc is not None:
            raise self.exc
        return self.value


class LocalEngine:
    """A process pool: no dependency beyond the base install, the reference output."""

    name = "local"

    def __init__(self, settings: Settings):
        self.jobs = settings.jobs
        self.pool = ProcessPoolExecutor(max_workers=self.jobs) if self.jobs > 1 else None
        self.window = 2 * self.jobs
        self.started = 0.0
        self.description = f"local engine, {self.jobs} process{'es' if self.jobs > 1 else ''}"

    def submit(self, func, *args):
        if not self.pool:
            return _Done(func, args)
        try:
            return self.pool.submit(func, *args)
        except BrokenProcessPool:
            # A worker died (out of memory, a crash in C): the chunks it took down are reported
            # as failed by _settle; the rest goes on in a new pool.
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = ProcessPoolExecutor(max_workers=self.jobs)
            return self.pool.submit(func, *args)

    def close(self):
        if self.pool:
            self.pool.shutdown(cancel_futures=True)


class DaskEngine:
    """A dask.distributed Client: a local cluster of --jobs processes, or --scheduler's cluster."""

    name = "dask"

    def __init__(self, settings: Settings, scheduler: str | None = None):
        begin = time.perf_counter()
        try:
            import logging

            import dask
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(DASK_MISSING) from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="15s")
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            try:
                self.client.wait_for_workers(1, timeout=60)
            except TimeoutError:
                self.client.close()
                raise EngineError(f"no Dask worker joined {scheduler} within 60 s") from None
            where = scheduler
        else:
            # One thread per worker process: the stages are CPU-bound Python, so threads
            # would only share one core's GIL.
            # Without a dashboard nobody reads the workers' statistical profiler, which samples
            # every thread each 10 ms: measured here, a few percent of the CPU.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=settings.jobs, threads_per_worker=1,
                                            processes=True, dashboard_address=None,
                                            silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
            where = "local cluster"
        try:
            self._check_workers_run_this_code()
        except BaseException:
            self.close()
            raise
        threads = sum(self.client.nthreads().values())
        self.window = max(2, 2 * threads)
        self.started = time.perf_counter() - begin
        self.description = (f"dask engine, {where}, {len(self.client.nthreads())} workers, "
                            f"{threads} threads")
        self.run_id = uuid.uuid4().hex[:8]
        self.count = 0

    def _check_workers_run_this_code(self):
        """Byte-identical output needs the same code and library versions on every worker."""
        mine = code_fingerprint()
        for worker, theirs in sorted(self.client.run(code_fingerprint).items()):
            if theirs != mine:
                raise EngineError(f"worker {worker} runs other pipeline code or library versions "
                                  "than this machine, so its output would differ; install the "
                                  "same commit and requirements everywhere, and restart the "
                                  "workers after a change")

    def submit(self, func, *args):
        self.count += 1
        # Our own key: hashing the records to name the task would cost time for nothing.
        return self.client.submit(func, *args, key=f"articles-{self.run_id}-{self.count}",
                                  pure=False)

    def close(self):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(engine: str, settings: Settings, scheduler: str | None):
    if engine == "ray":
        raise EngineError(RAY_REFUSED)
    if engine == "dask":
        return DaskEngine(settings, scheduler)
    if engine == "local":
        if scheduler:
            raise EngineError("--scheduler is for --engine dask")
        return LocalEngine(settings)
    raise EngineError(f"unknown engine {engine!r}; choose local or dask")


def _ordered(engine, chunks: Iterator[Chunk], settings: Settings):
    """(chunk, its results) in input order, with at most engine.window chunks in flight."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, engine.submit(process_chunk, chunk.items, settings)))
        while len(pending) >= engine.window:
            yield _settle(engine, settings, *pending.popleft())
    while pending:
        yield _settle(engine, settings, *pending.popleft())


def _settle(engine, settings: Settings, chunk: Chunk, future):
    try:
        return chunk, future.result()
    except Exception:
        pass
    # A worker died under this chunk or under a neighbour (out of memory, a crash in C, a
    # killed process): run its records one at a time, so that only the culprit fails.
    results = []
    for item in chunk.items:
        try:
            results.extend(engine.submit(process_chunk, [item], settings).result())
        except Exception as exc:
            number, record, problem = item
            name = record.get("name") if record and isinstance(record.get("name"), str) else None
            results.append((number, name, None, None,
                            problem or f"the worker died on it: {type(exc).__name__}: {exc}"))
    return chunk, results


# ---------------------------------------------------------------------------- writing shards

def _temp_file(path: Path):
    """A temp file beside `path`, to be renamed over it; mode as the umask says, not 0600."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~_UMASK)
    return tmp, os.fdopen(fd, "w", encoding="utf-8", newline="\n")


_UMASK = os.umask(0o022)
os.umask(_UMASK)


class _ShardWriter:
    """<out>/<stem>.jsonl written to a temp file and renamed when the shard is complete."""

    def __init__(self, out_dir: Path, shard: Shard):
        self.shard = shard
        self.path = out_dir / f"{shard.stem}.jsonl"
        self.errors_path = out_dir / f"{shard.stem}.errors.jsonl"
        self.tmp, self.handle = _temp_file(self.path)
        self.errors: list[str] = []
        self.built = 0

    def add(self, line: str) -> None:
        self.handle.write(line + "\n")
        self.built += 1

    def fail(self, number: int, name: str | None, problem: str) -> None:
        self.errors.append(json.dumps({"shard": self.shard.path.name, "record": number,
                                       "name": name, "error": problem}, ensure_ascii=False))

    def finish(self) -> None:
        self.handle.close()
        os.replace(self.tmp, self.path)
        if self.errors:
            tmp, handle = _temp_file(self.errors_path)
            with handle:
                handle.write("\n".join(self.errors) + "\n")
            os.replace(tmp, self.errors_path)
        else:
            self.errors_path.unlink(missing_ok=True)   # from an earlier run: no longer true

    def abandon(self) -> None:
        self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)


def run_command(settings: Settings, inputs: list[str] | None, engine: str,
                scheduler: str | None, files: list[str], log=sys.stderr) -> int:
    """`run --input/--engine/--scheduler`: check the combination, then run_shards."""
    if engine == "ray":
        print(f"error: {RAY_REFUSED}", file=log)
        return 2
    if not inputs:
        print(f"error: --engine {engine} and --scheduler read shards: give --input", file=log)
        return 2
    if files:
        print("error: give either raw files or --input shards, not both", file=log)
        return 2
    return run_shards(settings, inputs, engine, scheduler, log)


def run_shards(settings: Settings, inputs: list[str | Path], engine: str = "local",
               scheduler: str | None = None, log=sys.stderr) -> int:
    """Process every record of every shard; write <out>/<stem>.jsonl; return the exit code."""
    try:
        shards = find_shards(inputs)
        for shard in shards:
            if (settings.out_dir / f"{shard.stem}.jsonl").resolve() == shard.path.resolve():
                raise EngineError(f"{shard.shown}: the output would replace this input shard; "
                                  "choose another --out")
        runner = make_engine(engine, settings, scheduler)
    except EngineError as exc:
        print(f"error: {exc}", file=log)
        return 2
    out_dir = settings.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    for shard in shards:          # temp files of a run killed before its renames
        for tmp in out_dir.glob(f".{shard.stem}.*.tmp"):
            tmp.unlink(missing_ok=True)
    if runner.started:
        print(f"{runner.description} started in {runner.started:.1f} s", file=log)

    begin = time.perf_counter()
    built = failed = 0
    seen_sha: dict[str, str] = {}
    writer: _ShardWriter | None = None
    try:
        for chunk, results in _ordered(runner, iter_chunks(shards), settings):
            shard = shards[chunk.shard]
            if chunk.first:
                writer = _ShardWriter(out_dir, shard)
            for number, name, line, sha, problem in results:
                where = f"{shard.shown} record {number} ({name if name else 'no name'})"
                if line is None:
                    failed += 1
                    writer.fail(number, name, problem)
                    print(f"error: {where}: {problem}", file=log)
                    continue
                built += 1
                writer.add(line)
                if sha in seen_sha:
                    print(f"warning: {where}: same content as {seen_sha[sha]}", file=log)
                else:
                    seen_sha[sha] = where
            if chunk.last:
                writer.finish()
                print(f"{shard.shown}: {writer.built} built, {len(writer.errors)} failed "
                      f"-> {writer.path.as_posix()}", file=log)
                writer = None
    finally:
        if writer is not None:
            writer.abandon()
        runner.close()
    elapsed = time.perf_counter() - begin
    total = built + failed
    print(f"{total} record{'s' * (total != 1)} in {len(shards)} shard{'s' * (len(shards) != 1)}: "
          f"{built} built, {failed} failed; "
          f"{runner.description}: {elapsed:.1f} s, {total / elapsed if elapsed else 0:.1f} "
          "records/s", file=log)
    return 1 if failed else 0
