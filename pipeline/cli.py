"""The command line: run, process, stage, check, diff, add."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from pipeline.settings import Settings
from pipeline.stages import STAGE_NAMES


def _settings(args) -> Settings:
    return Settings(raw_dir=Path(args.raw), out_dir=Path(args.out), build_dir=Path(args.build),
                    jobs=args.jobs, spelling=not args.no_spelling, timeout=args.timeout,
                    max_bytes=int(args.max_mb * 1_000_000))


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", default="raw", help="directory of raw articles (default: raw)")
    p.add_argument("--out", default="cleaned", help="output directory (default: cleaned)")
    p.add_argument("--build", default="build", help="intermediate files (default: build)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    p.add_argument("--no-spelling", action="store_true", help="turn the spelling stage off")
    p.add_argument("--timeout", type=float, default=60.0,
                   help="seconds one article may take before it is reported (default: 60)")
    p.add_argument("--max-mb", type=float, default=20.0,
                   help="refuse raw files larger than this many MB (default: 20)")


def cmd_run(args) -> int:
    from pipeline.runner import run

    settings = _settings(args)
    if args.input or args.engine != "local" or args.scheduler:
        from pipeline.engines import run_command

        if args.out == "cleaned":
            # cleaned/ holds one committed JSON file per raw article, not JSONL shards.
            print("error: give --out DIR for the output shards of --input", file=sys.stderr)
            return 2
        return run_command(settings, args.input, args.engine, args.scheduler, args.files)
    return run(settings, [Path(f) for f in args.files] or None, force=args.force,
               keep_snapshots=args.keep_stages)


def cmd_process(args) -> int:
    from pipeline.runner import process_path

    result = process_path(Path(args.file), _settings(args))
    if result.status == "failed":
        print(f"error: {result.path}: {result.error}", file=sys.stderr)
        return 1
    sys.stdout.write(result.text)
    return 0


def cmd_stage(args) -> int:
    from pipeline.stage_io import run_stage

    return run_stage(args.name, _settings(args), [Path(f) for f in args.files])


def cmd_check(args) -> int:
    from pipeline.check import check

    return check(_settings(args))


def cmd_diff(args) -> int:
    from pipeline.diffreport import diff_report

    print(diff_report(Path(args.out), args.base), end="")
    return 0


def cmd_add(args) -> int:
    from pipeline.runner import run

    settings = _settings(args)
    src = Path(args.source)
    if not src.is_file():
        print(f"error: {src}: no such file", file=sys.stderr)
        return 1
    dest = settings.raw_dir / src.name
    if dest.exists() and dest.read_bytes() != src.read_bytes():
        print(f"error: {dest} exists with other content; rename the new file", file=sys.stderr)
        return 1
    settings.raw_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    for sidecar in (src.with_name(src.name + ".meta.json"),):
        if sidecar.exists():
            shutil.copyfile(sidecar, settings.raw_dir / sidecar.name)
    print(f"added {dest}", file=sys.stderr)
    return run(settings, [dest])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="build cleaned/ JSON for every article, or the named ones")
    _common(p)
    p.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    p.add_argument("--keep-stages", action="store_true",
                   help="also write each stage's result to build/<stage>/<id>.json")
    p.add_argument("files", nargs="*", help="raw files (default: all of --raw)")
    p.add_argument("--input", nargs="+", metavar="PATH",
                   help="JSONL or Parquet shards of raw articles (files or directories): "
                        "writes <out>/<shard>.jsonl instead of one file per article")
    p.add_argument("--engine", choices=("local", "dask", "ray"), default="local",
                   help="with --input: local (a process pool, default) or dask "
                        "(pip install .[scale])")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a running cluster, e.g. tcp://host:8786 "
                        "(default: a local cluster of --jobs workers)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("process", help="print one article's JSON to stdout")
    _common(p)
    p.add_argument("file")
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("stage", help="run one stage, reading and writing build/<stage>/")
    _common(p)
    p.add_argument("name", choices=STAGE_NAMES + ("export",))
    p.add_argument("files", nargs="*")
    p.set_defaults(func=cmd_stage)

    p = sub.add_parser("check", help="cleaned/ is schema-valid and up to date with raw/ and code")
    _common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("diff", help="what changed in cleaned/ against git, for a reviewer")
    _common(p)
    p.add_argument("--base", default="HEAD", help="git revision to compare with (default HEAD)")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("add", help="copy a new article into raw/ and build it")
    _common(p)
    p.add_argument("source")
    p.set_defaults(func=cmd_add)

    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        parser.error("--jobs must be at least 1")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
