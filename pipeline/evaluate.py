"""`make eval`: every evaluation (cleanup, spelling, claims), with its floors; exit 1 on a miss."""
from __future__ import annotations

import importlib
import sys

EVALUATIONS = ("pipeline.eval_cleanup", "pipeline.eval_spelling", "pipeline.eval_claims")


def main() -> int:
    missed: list[str] = []
    for name in EVALUATIONS:
        module = importlib.import_module(name)
        results = module.evaluate()
        print(module.report(results))
        if hasattr(module, "failures"):
            misses = module.failures(results)
        else:
            misses = [k for k, ok in _compare(results, module.FLOORS).items() if not ok]
        missed += [f"{name.split('.')[-1]}: {m}" for m in misses]
        print()
    for m in missed:
        print(f"FLOOR MISSED: {m}")
    print("all floors hold" if not missed else f"{len(missed)} floors missed")
    return 1 if missed else 0


def _compare(results: dict, floors: dict) -> dict[str, bool]:
    """A floor `x` is met when results[x] >= floor; `x_max` when results[x] <= floor."""
    out = {}
    for key, floor in floors.items():
        if key.endswith("_max"):
            value = results.get(key[:-4])
            out[key] = value is None or value <= floor
        else:
            value = results.get(key)
            out[key] = value is None or value >= floor
    return out


if __name__ == "__main__":
    sys.exit(main())
