#!/usr/bin/python3
"""Baseline for `gpai-eval batch`: the same compute scoring in plain Python.

Reads JSON Lines (gzip recognised by magic bytes), detects the record format
(gpai-eval card v1 by `schema`, Hugging Face Hub API JSON by `id`), and for
each card computes what the compute core does: 6ND per training phase (active
parameters for mixture-of-experts, the phase kind's FLOP per parameter-token
from data/rules/eu_ai_act/compute_ledger.json), a stated operation count, the
hardware method (accelerator-hours x 3600 x dense peak from
data/hardware/accelerators.json x utilisation, default interval from
data/estimation/assumptions.json), the headline per phase (6ND, else stated,
else hardware), seeded log-normal Monte Carlo for 90 % intervals, the
cumulative total, and the Art. 51(2) threshold status on --as-of (value from
data/rules/eu_ai_act/thresholds.json). Hub records get parameters from
safetensors and `insufficient_evidence`. One JSON row per record to --output,
errors to --errors. It does NOT do the legal assessment (GPAI status,
obligations, Annex XIII) nor the Hugging Face provenance that gpai-eval does;
see docs/batch.md for what this means for the comparison.

Usage: bench/batch_baseline.py CARDS.jsonl [--data DIR] [--as-of 2026-01-01]
           [--samples 10000] [--seed 20250802] [--output FILE] [--errors FILE]
"""
import argparse
import gzip
import json
import math
import random
import re
import sys
import time

SUFFIX = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
QTY = re.compile(r"^\s*([0-9][0-9_,]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?)\s*([kKMBGTPE]?)\s*$")
Z95 = 1.6448536269514722


class CardError(Exception):
    pass


def number(v, where):
    if isinstance(v, bool) or v is None:
        raise CardError("%s: expected a number" % where)
    if isinstance(v, (int, float)):
        x = float(v)
    elif isinstance(v, str):
        m = QTY.match(v)
        if not m:
            raise CardError("%s: expected a number like 405B" % where)
        x = float(m.group(1).replace("_", "").replace(",", "")) * SUFFIX.get(m.group(2), 1.0)
    else:
        raise CardError("%s: expected a number" % where)
    if not math.isfinite(x) or x < 0:
        raise CardError("%s: expected a non-negative number" % where)
    return x


def quantity(v, where):
    """(low, high); low == high for an exact value."""
    if isinstance(v, dict):
        lo, hi = number(v.get("low"), where + "/low"), number(v.get("high"), where + "/high")
        if lo <= 0 or hi < lo:
            raise CardError("%s: bad interval" % where)
        return (lo, hi)
    x = number(v, where)
    return (x, x)


class Draws:
    def __init__(self, values):
        self.v = values

    @staticmethod
    def of(q, samples, seed, key):
        lo, hi = q
        if lo == hi:
            return Draws([lo])
        mu = 0.5 * (math.log(lo) + math.log(hi))
        sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
        rng = random.Random("%d/%s" % (seed, key))
        return Draws([math.exp(rng.gauss(mu, sigma)) for _ in range(samples)])

    def _zip(self, o, f):
        a, b = self.v, o.v
        if len(a) == 1:
            return Draws([f(a[0], y) for y in b])
        if len(b) == 1:
            return Draws([f(x, b[0]) for x in a])
        return Draws([f(x, y) for x, y in zip(a, b)])

    def __mul__(self, o):
        return self._zip(o, lambda x, y: x * y)

    def __add__(self, o):
        return self._zip(o, lambda x, y: x + y)

    def scale(self, k):
        return Draws([x * k for x in self.v])

    def summary(self):
        s = sorted(self.v)
        return pct(s, 50), pct(s, 5), pct(s, 95)


def pct(s, p):
    r = p / 100 * (len(s) - 1)
    lo = int(math.floor(r))
    f = r - lo
    return s[lo] if f == 0 or lo + 1 >= len(s) else s[lo] + f * (s[lo + 1] - s[lo])


def normalise(name):
    n = re.sub(r"[\s_\-]", "", name.lower())
    for prefix in ("nvidia", "tesla", "amdinstinct", "amd", "google", "intel"):
        if n.startswith(prefix):
            n = n[len(prefix):]
    return n


class Data:
    def __init__(self, d, as_of):
        ledger = json.load(open(d + "/rules/eu_ai_act/compute_ledger.json"))
        self.kinds = {k["id"]: k for k in ledger["phase_kinds"]}
        acc = json.load(open(d + "/hardware/accelerators.json"))
        self.chips = {}
        for a in acc["accelerators"]:
            for n in [a["id"], a["name"]] + a.get("aliases", []):
                self.chips[normalise(n)] = a
        th = json.load(open(d + "/rules/eu_ai_act/thresholds.json"))
        self.threshold = None
        for p in th["parameters"]:
            if p["id"] == "art51_2.compute_presumption":
                for e in p["history"]:
                    if e["from"] <= as_of and e.get("status") != "expected":
                        self.threshold = e["value"]
        u = json.load(open(d + "/estimation/assumptions.json"))["default_utilization"]
        self.default_util = (u["low"], u["high"])


def score_v1(card, data, samples, seed):
    name = card.get("name")
    if not isinstance(name, str):
        raise CardError("/name: required")
    arch = card.get("architecture") or {}
    kind = arch.get("kind", "dense")
    params = quantity(arch["parameters"], "/architecture/parameters") if "parameters" in arch else None
    active = quantity(arch["active_parameters"], "/architecture/active_parameters") if "active_parameters" in arch else None
    total, complete = None, True
    for i, ph in enumerate((card.get("training") or {}).get("phases", [])):
        at = "/training/phases/%d" % i
        rule = data.kinds.get(ph.get("kind"))
        if rule is None:
            raise CardError(at + "/kind: unknown phase kind")
        n = quantity(ph["parameters"], at + "/parameters") if "parameters" in ph else (active if kind == "moe" else params)
        if kind == "moe" and "tokens" in ph and n is None:
            raise CardError("/architecture/active_parameters: required for a mixture-of-experts model")
        head = None
        if "tokens" in ph and n is not None and rule["flop_per_parameter_token"] > 0:
            d = Draws.of(quantity(ph["tokens"], at + "/tokens"), samples, seed, at + "/tokens")
            if "epochs" in ph:
                d = d * Draws.of(quantity(ph["epochs"], at + "/epochs"), samples, seed, at + "/epochs")
            head = (Draws.of(n, samples, seed, "/architecture/parameters") * d).scale(rule["flop_per_parameter_token"])
        elif "compute_flop" in ph:
            head = Draws.of(quantity(ph["compute_flop"], at + "/compute_flop"), samples, seed, at + "/compute_flop")
        elif "hardware" in ph:
            hw = ph["hardware"]
            chip = data.chips.get(normalise(hw.get("accelerator", "")))
            if chip is None:
                raise CardError(at + "/hardware/accelerator: not in the catalogue")
            peak = chip["peak_flop_per_s_dense"].get(hw.get("precision", chip["default_precision"]))
            if peak is None:
                raise CardError(at + "/hardware/precision: no peak")
            if "accelerator_hours" in hw:
                hours = Draws.of(quantity(hw["accelerator_hours"], at), samples, seed, at + "/hardware/accelerator_hours")
            elif "count" in hw and "hours" in hw:
                hours = Draws.of(quantity(hw["count"], at), samples, seed, at + "/hardware/count") * \
                    Draws.of(quantity(hw["hours"], at), samples, seed, at + "/hardware/hours")
            else:
                hours = None
            if hours is not None:
                util = quantity(hw["utilization"], at) if "utilization" in hw else data.default_util
                key = at + "/hardware/utilization" if "utilization" in hw else "assumption/default_utilization"
                head = (hours * Draws.of(util, samples, seed, key)).scale(3600 * peak)
        if not rule["counts_cumulative"]:
            continue
        if head is None:
            complete = False
            continue
        total = head if total is None else total + head
    return name, total, complete


def score_hub(m):
    st = m.get("safetensors") or {}
    p = st.get("parameters") or {}
    floats = sum(v for k, v in p.items() if k in ("F64", "F32", "BF16", "F16"))
    return m["id"], floats or None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--data", default="data")
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--samples", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=20250802)
    ap.add_argument("--output", default="/dev/null")
    ap.add_argument("--errors", default="/dev/null")
    a = ap.parse_args()
    data = Data(a.data, a.as_of)
    t = data.threshold
    start = time.time()
    raw = open(a.input, "rb")
    src = gzip.open(raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
    counts = {"records": 0, "results": 0, "errors": 0}
    with open(a.output, "w") as out, open(a.errors, "w") as err:
        for line_no, line in enumerate(src, 1):
            if not line.strip():
                continue
            counts["records"] += 1
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise CardError("expected an object")
                if "schema" in rec:
                    if rec["schema"] != "gpai-eval/model-card/1":
                        raise CardError("/schema: unknown")
                    name, total, complete = score_v1(rec, data, a.samples, a.seed)
                    row = {"line": line_no, "format": "gpai-card-1", "id": name}
                    if total is None or t is None:
                        row["threshold_status"] = "insufficient_evidence" if t is not None else "not_in_force"
                    else:
                        med, p05, p95 = total.summary()
                        status = "above" if p05 > t else ("below" if p95 <= t else "borderline")
                        if not complete and status == "below":
                            status = "borderline"
                        row.update(compute_flop={"median": med, "p05": p05, "p95": p95}, threshold_status=status)
                elif isinstance(rec.get("id"), str):
                    name, params = score_hub(rec)
                    row = {"line": line_no, "format": "hf-hub-api", "id": name, "parameters": params,
                           "threshold_status": "insufficient_evidence"}
                else:
                    raise CardError("not a model card")
                out.write(json.dumps(row) + "\n")
                counts["results"] += 1
            except (ValueError, CardError, KeyError, TypeError, AttributeError) as e:
                err.write(json.dumps({"line": line_no, "message": str(e)}) + "\n")
                counts["errors"] += 1
    secs = time.time() - start
    sys.stderr.write("baseline: %d records = %d results + %d errors in %.2f s (%.0f records/s)\n"
                     % (counts["records"], counts["results"], counts["errors"], secs, counts["records"] / max(secs, 1e-9)))


if __name__ == "__main__":
    main()
