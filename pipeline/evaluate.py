"""`make eval`: every evaluation (cleanup, metadata, spelling, claims), with its floors; exit 1 on a miss.

Each evaluation module has evaluate(), report(results) and failures(results).
"""
from __future__ import annotations

import importlib
import sys

EVALUATIONS = ("pipeline.eval_cleanup", "pipeline.eval_metadata", "pipeline.eval_spelling",
               "pipeline.eval_claims")


def main() -> int:
    missed: list[str] = []
    for name in EVALUATIONS:
        module = importlib.import_module(name)
        results = module.evaluate()
        print(module.report(results))
        misses = module.failures(results)
        missed += [f"{name.split('.')[-1]}: {m}" for m in misses]
        print()
    for m in missed:
        print(f"FLOOR MISSED: {m}")
    print("all floors hold" if not missed else f"{len(missed)} floors missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
