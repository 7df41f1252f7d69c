"""Check eval/claims/unseen.jsonl and print its counts (run from the repository root).

Checks: every line parses as JSON, keys are exactly the documented ones in order,
types are sorted and known, dosage is non-null exactly when "dosage" is in types,
and each dosage object has exactly the seven documented keys.
"""
import json
import sys
from collections import Counter
from pathlib import Path

KEYS = ["id", "source", "kind", "text", "context", "types", "hedged", "negated", "dosage", "note"]
DOSE_KEYS = ["amount", "unit", "frequency", "route", "duration", "population", "substance"]
TYPES = {"diagnosis", "dosage", "food_source", "mechanism", "prevalence", "risk_factor", "symptom", "treatment"}

path = Path(sys.argv[1] if len(sys.argv) > 1 else "eval/claims/unseen.jsonl")
rows, errors = [], []
for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
    try:
        o = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: not JSON ({e})")
        continue
    if list(o) != KEYS:
        errors.append(f"line {n}: keys {list(o)}")
    if o["types"] != sorted(o["types"]) or not set(o["types"]) <= TYPES:
        errors.append(f"line {n}: bad types {o['types']}")
    if ("dosage" in o["types"]) != (o["dosage"] is not None):
        errors.append(f"line {n}: dosage is {'null' if o['dosage'] is None else 'set'} but types are {o['types']}")
    objs = o["dosage"] if isinstance(o["dosage"], list) else [o["dosage"]] if o["dosage"] else []
    for d in objs:
        if list(d) != DOSE_KEYS:
            errors.append(f"line {n}: dosage keys {list(d)}")
        if (d["amount"] is None) != (d["unit"] is None):
            errors.append(f"line {n}: unit must be null exactly when amount is")
    if not o["id"].startswith(o["source"] + "-"):
        errors.append(f"line {n}: id/source mismatch")
    rows.append(o)
if len({o["id"] for o in rows}) != len(rows):
    errors.append("duplicate ids")

c = Counter()
for o in rows:
    c["units"] += 1
    c["kind:" + o["kind"]] += 1
    for t in o["types"]:
        c[t] += 1
    c["no_type"] += not o["types"]
    c["hedged"] += o["hedged"]
    c["negated"] += o["negated"]
    if o["dosage"] is not None:
        c["dosage_units"] += 1
        c["dosage_objects"] += len(o["dosage"]) if isinstance(o["dosage"], list) else 1
        c["multi_regimen"] += isinstance(o["dosage"], list)
    c["with_note"] += o["note"] is not None
order = ["units", "kind:sentence", "kind:list_item", "kind:table_row", *sorted(TYPES), "no_type",
         "hedged", "negated", "dosage_units", "dosage_objects", "multi_regimen", "with_note"]
print("| count | n |\n|---|---:|")
for k in order:
    print(f"| {k} | {c[k]} |")
per = Counter(o["source"] for o in rows)
print("\n| source | units |\n|---|---:|")
for s in sorted(per):
    print(f"| {s} | {per[s]} |")
if errors:
    print("\nERRORS:", *errors, sep="\n")
    sys.exit(1)
print("\nOK: all lines parse; dosage is non-null iff 'dosage' in types")
