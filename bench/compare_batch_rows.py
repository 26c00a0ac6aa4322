#!/usr/bin/python3
"""Compare `gpai-eval batch` rows with bench/batch_baseline.py rows, field by field.

Usage: bench/compare_batch_rows.py OURS.jsonl BASELINE.jsonl
           [--errors OURS_ERRORS.jsonl BASELINE_ERRORS.jsonl] [--show 5] [--min-agreement 0.99]

Rows are matched by `record` (both tools number every record of the run in
input order). `scored` checks that a record is a result row in both outputs or
an error row in both. For records scored by both:
  compute_flop       both null, or median/p05/p95 within 1e-9 relative; within
                     --mc-tolerance (5 %) when the record needed Monte Carlo
                     (its interval in our row is not a point)
  p_above_threshold  equal for exact records, within --p-tolerance (0.03)
                     absolute for Monte Carlo ones
  statuses, format, id, insufficient_evidence, base_model(_relation): equal
  obligations, undecidable, findings: equal lists; annex_xiii: equal objects
  missing: equal lists of `field`; flags: equal lists of `id`
Prints per-field agreement and the first disagreements of each field; exits 1
when any field agrees on fewer than --min-agreement of the records compared.
"""
import argparse
import json
import sys

EXACT_FIELDS = ["format", "id", "threshold_status", "gpai_status", "systemic_risk_status", "insufficient_evidence",
                "obligations", "annex_xiii", "undecidable", "findings", "base_model", "base_model_relation"]


def read_rows(path):
    rows = {}
    if path is None:
        return rows
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                rows[r["record"]] = r
    return rows


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b)) or a == b


def monte_carlo(row):
    c = row.get("compute_flop")
    return bool(c) and c["p05"] != c["p95"]


def same_compute(ours, base, args):
    a, b = ours.get("compute_flop"), base.get("compute_flop")
    if a is None or b is None:
        return a is None and b is None
    rel = args.mc_tolerance if monte_carlo(ours) else 1e-9
    return all(close(a[k], b[k], rel) for k in ("median", "p05", "p95"))


def same_p_above(ours, base, args):
    a, b = ours.get("p_above_threshold"), base.get("p_above_threshold")
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= (args.p_tolerance if monte_carlo(ours) else 1e-12)


def projected(row, field):
    if field == "missing":
        return [m["field"] for m in row.get("missing", [])]
    if field == "flags":
        return [f["id"] for f in row.get("flags", [])]
    return row.get(field)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ours")
    ap.add_argument("baseline")
    ap.add_argument("--errors", nargs=2, metavar=("OURS_ERRORS", "BASELINE_ERRORS"))
    ap.add_argument("--show", type=int, default=5, help="disagreements shown per field")
    ap.add_argument("--min-agreement", type=float, default=0.99)
    ap.add_argument("--mc-tolerance", type=float, default=0.05)
    ap.add_argument("--p-tolerance", type=float, default=0.03)
    args = ap.parse_args()

    ours, base = read_rows(args.ours), read_rows(args.baseline)
    ours_err, base_err = read_rows(args.errors[0] if args.errors else None), \
        read_rows(args.errors[1] if args.errors else None)
    fields = ["scored", "compute_flop", "p_above_threshold"] + EXACT_FIELDS + ["missing", "flags"]
    agree = {f: 0 for f in fields}
    total = {f: 0 for f in fields}
    shown = {f: [] for f in fields}

    def note(field, ok, record, a, b):
        total[field] += 1
        if ok:
            agree[field] += 1
        elif len(shown[field]) < args.show:
            shown[field].append((record, a, b))

    records = sorted(set(ours) | set(base) | set(ours_err) | set(base_err))
    for rec in records:
        kind_ours = "result" if rec in ours else ("error" if rec in ours_err else "absent")
        kind_base = "result" if rec in base else ("error" if rec in base_err else "absent")
        row = ours.get(rec) or ours_err.get(rec) or base.get(rec) or base_err.get(rec)
        note("scored", kind_ours == kind_base, rec, "%s (line %s)" % (kind_ours, row.get("line")), kind_base)
        if kind_ours != "result" or kind_base != "result":
            continue
        a, b = ours[rec], base[rec]
        note("compute_flop", same_compute(a, b, args), rec, a.get("compute_flop"), b.get("compute_flop"))
        note("p_above_threshold", same_p_above(a, b, args), rec, a.get("p_above_threshold"),
             b.get("p_above_threshold"))
        for f in EXACT_FIELDS + ["missing", "flags"]:
            if f == "flags" and ("flags" not in a or "flags" not in b):
                continue
            note(f, projected(a, f) == projected(b, f), rec, projected(a, f), projected(b, f))

    both = sum(1 for r in records if r in ours and r in base)
    mc = sum(1 for r in records if r in ours and monte_carlo(ours[r]))
    print("records: %d (scored by both: %d, of which Monte Carlo: %d; errors: ours %d, baseline %d)"
          % (len(records), both, mc, len(ours_err), len(base_err)))
    print("%-22s %10s %10s %9s" % ("field", "agree", "compared", "share"))
    failed = []
    for f in fields:
        if total[f] == 0:
            continue
        share = agree[f] / total[f]
        if share < args.min_agreement:
            failed.append(f)
        print("%-22s %10d %10d %8.3f%%%s" % (f, agree[f], total[f], 100 * share,
                                             "  < %.1f %%" % (100 * args.min_agreement) if f in failed else ""))
    for f in fields:
        for rec, a, b in shown[f]:
            row = ours.get(rec) or base.get(rec) or ours_err.get(rec) or base_err.get(rec)
            print("\n[%s] record %d, line %s, id %s\n  ours:     %s\n  baseline: %s"
                  % (f, rec, row.get("line"), row.get("id"), json.dumps(a), json.dumps(b)))
    if failed:
        print("\nFAILED: agreement below %.1f %% on %s" % (100 * args.min_agreement, ", ".join(failed)))
        return 1
    print("\nOK: every field agrees on at least %.1f %% of the records" % (100 * args.min_agreement))
    return 0


if __name__ == "__main__":
    sys.exit(main())
