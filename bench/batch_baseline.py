#!/usr/bin/python3
"""Baseline for `gpai-eval batch`: the same scoring, in plain Python.

For every non-blank line of a JSON Lines file (gzip recognised by its magic
bytes) this script does what `gpai-eval batch` does for a JSON record:

* parses it strictly (duplicate keys, NaN/Infinity, numbers beyond a double
  and invalid UTF-8 are errors), detects the format: a gpai-eval card v1 by
  `schema`, Hugging Face Hub API model JSON by a string `id` plus one of
  pipeline_tag, safetensors, cardData, config, tags;
* validates a v1 card (types, "405B"-style quantities, 90 % intervals,
  ranges, dates, modalities, phase kinds, accelerators in the catalogue);
* maps Hub JSON to a card: safetensors per dtype (buffers, FP8, quantised
  checkpoints), MoE from config/tags/name, sizes from the name, licence
  classification, pipeline_tag -> modalities, base_model lineage -> phases,
  co2_eq_emissions hardware, model-index benchmarks, and the missing fields;
* estimates cumulative training compute per phase with the compute ledger
  (6ND / Kaplan / stated / hardware, headline 6ND > stated > hardware), with
  seeded log-normal Monte Carlo for intervals (random.Random keyed by seed
  and JSON pointer, so one input gets one stream wherever it is used);
* decides the Art. 51(2) threshold status, GPAI status, the modification
  test, Annex XIII points (a)-(g), systemic-risk status, the obligations and
  Annex XI/XII items that apply, and the findings ids.

Every legal number, date and list comes from the data directory (rules,
hardware catalogue, assumptions, frontier benchmarks), as in gpai-eval.
One JSON row per record goes to --output, error rows to --errors, with the
row keys of docs/batch.md. Not done: README.md records (front matter and
prose), directories, .json documents and arrays, standard input, CSV;
`mapped`, `notes`, reasons and messages (flags carry id and severity only;
error messages are worded differently); the error `column`; strings with
unpaired surrogate escapes ("\\ud800"), which Python accepts and gpai-eval
rejects. Monte Carlo uses Python's generator, so intervals agree with
gpai-eval's in distribution, not draw for draw.

Usage: bench/batch_baseline.py CARDS.jsonl [--data DIR] [--as-of 2026-01-01]
           [--samples 10000] [--seed 20250802] [--output FILE] [--errors FILE]
"""
import argparse
import gzip
import json
import math
import os
import random
import re
import sys
import time

CARD_SCHEMA = "gpai-eval/model-card/1"
HUB_KEYS = ("pipeline_tag", "safetensors", "cardData", "config", "tags")
PRESUMPTION = "art51_2.compute_presumption"
Z95 = 1.6448536269514722  # a 90 % interval spans +-1.645 sigma
MAX_DEPTH = 256
MODALITIES = {"text", "image", "audio", "video", "code", "biological_sequence", "chemical_structure",
              "tabular", "time_series", "3d", "action", "speech", "embedding"}
SUFFIX = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
PRECISIONS = {"bf16": "bf16", "bfloat16": "bf16", "fp16": "fp16", "float16": "fp16", "half": "fp16",
              "fp8": "fp8", "e4m3": "fp8", "e5m2": "fp8", "float8": "fp8", "fp32": "fp32", "float32": "fp32",
              "single": "fp32", "tf32": "tf32", "tensorfloat32": "tf32", "fp64": "fp64", "float64": "fp64",
              "double": "fp64", "int8": "int8"}
VENDOR_PREFIXES = ("nvidia", "tesla", "amdinstinct", "amd", "google", "intel", "habana")

class CardError(Exception):
    def __init__(self, pointer, message):
        super().__init__(message)
        self.pointer = pointer


# ---- small helpers -----------------------------------------------------------

def name_key(s):
    """Lower-case ASCII letters and digits only ("MMLU (5-shot)" -> "mmlu5shot")."""
    return "".join(c for c in s.lower() if c.isascii() and c.isalnum())


def ascii_lower(s):
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in s)


def accelerator_key(name):
    s = name_key(name)
    stripped = True
    while stripped:
        stripped = False
        for p in VENDOR_PREFIXES:
            if len(s) > len(p) and s.startswith(p):
                s = s[len(p):]
                stripped = True
    return s


def is_date(s):
    if not isinstance(s, str) or len(s) != 10 or s[4] != "-" or s[7] != "-":
        return False
    y, m, d = s[0:4], s[5:7], s[8:10]
    if not (y.isdigit() and m.isdigit() and d.isdigit() and s.isascii()):
        return False
    y, m, d = int(y), int(m), int(d)
    if m < 1 or m > 12 or d < 1:
        return False
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return d <= days


def parse_quantity(text):
    """ "405B" -> 4.05e11; None when not a finite number with a known suffix."""
    s = text.replace("_", "").replace(",", "").replace(" ", "")
    if not s or "nan" in s.lower() or "inf" in s.lower():
        return None
    mult = 1.0
    if not (s[-1].isdigit() and s[-1].isascii()) and s[-1] != ".":
        if s[-1] not in SUFFIX:
            return None
        mult = SUFFIX[s[-1]]
        s = s[:-1]
    if s.startswith("+"):
        s = s[1:]
    if not PLAIN_NUMBER.fullmatch(s):
        return None
    v = float(s) * mult
    return v if math.isfinite(v) else None


# ---- strict JSON -------------------------------------------------------------

def no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise CardError("", 'duplicate key "%s" in the same object' % k)
        obj[k] = v
    return obj


def reject_constant(name):
    raise CardError("", "malformed JSON: %s is not a JSON number" % name)


def finite_float(text):
    v = float(text)
    if not math.isfinite(v):
        raise CardError("", "malformed JSON: number out of range: " + text[:40])
    return v


def finite_int(text):
    v = int(text)
    if len(text) > 300:
        finite_float(text)
    return v


def too_deep(text):
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth, in_string, escaped = 0, False, False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif c in "]}" and depth > 0:
            depth -= 1
    return False


def parse_json(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CardError("", "malformed JSON: invalid UTF-8 (%s)" % e.reason)
    if too_deep(text):
        raise CardError("", "JSON nested more than %d levels deep" % MAX_DEPTH)
    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=reject_constant,
                          parse_float=finite_float, parse_int=finite_int)
    except (ValueError, RecursionError) as e:
        raise CardError("", "malformed JSON: %s" % e)


# ---- data files --------------------------------------------------------------

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Parameter:
    def __init__(self, p):
        self.comparison = p.get("comparison", "greater_than")
        self.history = p["history"]

    def in_force(self, as_of):
        """The entry in force on as_of (expected entries skipped), or None."""
        found = None
        for e in self.history:
            if e["from"] > as_of:
                break
            if e.get("status") != "expected":
                found = e
        return found

    def exceeded_by(self, x, t):
        return x > t if self.comparison == "greater_than" else x >= t


class Data:
    def __init__(self, d, as_of):
        self.as_of = as_of
        rules_dir = os.path.join(d, "rules", "eu_ai_act")
        self.params, self.dates, self.kinds = {}, {}, {}
        self.obligations, self.annex_xiii, self.designations = [], [], []
        self.candidate = {"when_any_met": [], "or_min_met": 0}
        for name in load(os.path.join(rules_dir, "ruleset.json"))["files"]:
            f = load(os.path.join(rules_dir, name))
            for p in f.get("parameters", []):
                self.params[p["id"]] = Parameter(p)
            for r in f.get("dates", []):
                self.dates[r["id"]] = r["history"]
            for k in f.get("phase_kinds", []):
                self.kinds[k["id"]] = k
            self.obligations += f.get("obligations", [])
            if "annex_xiii" in f:
                self.annex_xiii = f["annex_xiii"]["criteria"]
                self.candidate = f["annex_xiii"]["designation_candidate"]
            self.designations += f.get("designations", [])
        self.chips = {}
        for a in load(os.path.join(d, "hardware", "accelerators.json"))["accelerators"]:
            for n in [a["id"], a["name"]] + a.get("aliases", []):
                self.chips[accelerator_key(n)] = a
        assumptions = load(os.path.join(d, "estimation", "assumptions.json"))
        u = assumptions["default_utilization"]
        self.default_util = (u["low"], u["high"], "assumption/default_utilization")
        self.conversions = {m["metric"]: m["mfu_per_unit"] for m in assumptions["utilization_metrics"]}
        self.disagreement = assumptions["method_disagreement_factor"]["value"]
        # Hugging Face vocabularies (classification of metadata values, not law)
        vocabulary = load(os.path.join(d, "vocabulary", "huggingface.json"))
        self.free_licences = set(vocabulary["licences"]["free_and_open_source"])
        self.not_free_markers = tuple(vocabulary["licences"]["not_free_markers"])
        self.pipelines = {t["tag"]: (t["input"], t["output"]) for t in vocabulary["pipeline_tags"]["tasks"]
                          if t["tag"] not in vocabulary["pipeline_tags"]["unspecified"]}
        self.frontier = load(os.path.join(d, "reference", "frontier_benchmarks.json"))

    def value_at(self, pid):
        p = self.params.get(pid)
        e = p.in_force(self.as_of) if p else None
        return e.get("value") if e else None

    def date_at(self, did):
        found = None
        for e in self.dates.get(did, []):
            if e["from"] > self.as_of:
                break
            found = e
        return found.get("value") if found else None

    def chip(self, name):
        return self.chips.get(accelerator_key(name))


# ---- reading a v1 card -------------------------------------------------------
# A quantity is (low, high, pointer); low == high for an exact value.

def want(ok, at, expected):
    if not ok:
        raise CardError(at, "expected " + expected)


def required(obj, key, at):
    v = obj.get(key)
    want(v is not None, at + "/" + key, "a value (required)")
    return v


def as_str(v, at):
    want(isinstance(v, str), at, "a string")
    return v


def as_bool(v, at):
    want(isinstance(v, bool), at, "true or false")
    return v


def as_date(v, at):
    want(is_date(v), at, 'a date "YYYY-MM-DD"')
    return v


def as_object(v, at):
    want(isinstance(v, dict), at, "an object")
    return v


def as_list(v, at):
    want(isinstance(v, list), at, "an array")
    return v


def as_number(v, at, rng):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        x = float(v)
    elif isinstance(v, str):
        x = parse_quantity(v)
        want(x is not None, at, 'a number (e.g. 405e9 or "405B", "15.6T", "3.8e25")')
    else:
        raise CardError(at, "expected a number")
    ok = x >= 0 if rng == "non_negative" else (x > 0 if rng == "positive" else 0 < x <= 1)
    want(ok, at, "a %s number" % rng)
    return x


def as_quantity(v, at, rng):
    if not isinstance(v, dict):
        x = as_number(v, at, rng)
        return (x, x, at)
    lo = as_number(required(v, "low", at), at + "/low", rng)
    hi = as_number(required(v, "high", at), at + "/high", rng)
    want(lo > 0, at + "/low", "a positive low end")
    want(hi >= lo, at + "/high", "a high end >= low")
    want(set(v) <= {"low", "high"}, at, 'only "low" and "high" in an interval')
    return (lo, hi, at)


def opt(obj, key, at, read, *args):
    v = obj.get(key)
    return None if v is None else read(v, at + "/" + key, *args)


def names_list(obj, key, at):
    """Strings, or objects with a name (evaluations, mitigations, narrow tasks)."""
    out = []
    for i, item in enumerate(opt(obj, key, at, as_list) or []):
        p = "%s/%s/%d" % (at, key, i)
        out.append(as_str(required(item, "name", p), p + "/name") if isinstance(item, dict) else as_str(item, p))
    return out


def new_card(name):
    return {"name": name, "provider_in_eu": None, "turnover": None, "placed_on_market": None, "stage": "",
            "designated": None, "licence": {"name": "", "open_source": None, "weights_public": None},
            "kind": "dense", "parameters": None, "active": None, "layers": None, "d_model": None, "context": None,
            "inputs": [], "outputs": [], "phases": [], "reported": None, "threshold_met_on": None,
            "benchmarks": [], "tool_use": None, "autonomy": None, "narrow_tasks": [],
            "business_users": None, "end_users": None, "vlop_users": None, "modification": None}


def read_v1_card(doc, data):
    if as_str(required(doc, "schema", ""), "/schema") != CARD_SCHEMA:
        raise CardError("/schema", 'expected "%s"' % CARD_SCHEMA)
    card = new_card(as_str(required(doc, "name", ""), "/name"))
    prov = opt(doc, "provider", "", as_object)
    if prov:
        opt(prov, "name", "/provider", as_str)
        card["provider_in_eu"] = opt(prov, "established_in_eu", "/provider", as_bool)
        card["turnover"] = opt(prov, "annual_turnover_eur", "/provider", as_quantity, "non_negative")
    card["placed_on_market"] = opt(doc, "placed_on_market", "", as_date)
    stage = opt(doc, "stage", "", as_str)
    if stage is not None:
        want(stage in ("research", "development", "market"), "/stage", "research, development or market")
        card["stage"] = stage
    card["designated"] = opt(doc, "designated", "", as_bool)
    caps = opt(doc, "capabilities", "", as_object)
    if caps:
        for i, b in enumerate(opt(caps, "benchmarks", "/capabilities", as_list) or []):
            at = "/capabilities/benchmarks/%d" % i
            as_object(b, at)
            name = as_str(required(b, "name", at), at + "/name")
            top = opt(b, "max", at, as_number, "positive") or 100.0
            score = as_number(required(b, "score", at), at + "/score", "non_negative")
            want(score <= top, at + "/score", "a score no larger than max")
            card["benchmarks"].append((name, score, top))
        card["tool_use"] = opt(caps, "tool_use", "/capabilities", as_bool)
        card["autonomy"] = opt(caps, "autonomy", "/capabilities", as_bool)
        card["narrow_tasks"] = names_list(caps, "narrow_tasks", "/capabilities")
    reach = opt(doc, "reach", "", as_object)
    if reach:
        card["business_users"] = opt(reach, "eu_business_users", "/reach", as_quantity, "non_negative")
        card["end_users"] = opt(reach, "eu_end_users", "/reach", as_quantity, "non_negative")
        card["vlop_users"] = opt(reach, "vlop_monthly_eu_users", "/reach", as_quantity, "non_negative")
    for i, r in enumerate(opt(doc, "systemic_risks", "", as_list) or []):
        at = "/systemic_risks/%d" % i
        as_object(r, at)
        as_str(required(r, "category", at), at + "/category")
        opt(r, "assessed", at, as_bool)
        opt(r, "acceptable", at, as_bool)
        names_list(r, "evaluations", at)
        names_list(r, "mitigations", at)
    mod = opt(doc, "modification", "", as_object)
    if mod is not None:
        card["modification"] = {
            "base_model": opt(mod, "base_model", "/modification", as_str) or "",
            "base_compute": opt(mod, "base_training_compute_flop", "/modification", as_quantity, "non_negative"),
            "base_systemic": opt(mod, "base_has_systemic_risk", "/modification", as_bool),
            "compute": opt(mod, "compute_flop", "/modification", as_quantity, "non_negative")}
    lic = opt(doc, "license", "", as_object)
    if lic:
        card["licence"] = {"name": opt(lic, "name", "/license", as_str) or "",
                           "open_source": opt(lic, "open_source", "/license", as_bool),
                           "weights_public": opt(lic, "weights_public", "/license", as_bool)}
    arch = opt(doc, "architecture", "", as_object)
    if arch is not None:
        kind = as_str(required(arch, "kind", "/architecture"), "/architecture/kind")
        want(kind in ("dense", "moe"), "/architecture/kind", '"dense" or "moe"')
        card["kind"] = kind
        for key, slot in (("parameters", "parameters"), ("active_parameters", "active"), ("layers", "layers"),
                          ("d_model", "d_model"), ("context_length", "context")):
            card[slot] = opt(arch, key, "/architecture", as_quantity, "positive")
        if card["parameters"] and card["active"]:
            want(card["active"][0] <= card["parameters"][1], "/architecture/active_parameters",
                 "active parameters no larger than total parameters")
    mods = opt(doc, "modalities", "", as_object)
    if mods:
        for key in ("input", "output"):
            for i, m in enumerate(opt(mods, key, "/modalities", as_list) or []):
                want(as_str(m, "/modalities/%s/%d" % (key, i)) in MODALITIES, "/modalities/%s/%d" % (key, i),
                     "a modality")
                card[key + "s"].append(m)
    training = opt(doc, "training", "", as_object)
    if training:
        for i, ph in enumerate(opt(training, "phases", "/training", as_list) or []):
            card["phases"].append(read_phase(ph, "/training/phases/%d" % i, i, data))
        card["reported"] = opt(training, "reported_compute_flop", "/training", as_quantity, "non_negative")
        card["threshold_met_on"] = opt(training, "threshold_met_on", "/training", as_date)
    return card


def read_phase(ph, at, index, data):
    as_object(ph, at)
    phase = {"pointer": at, "name": opt(ph, "name", at, as_str) or "phase %d" % index,
             "kind": as_str(required(ph, "kind", at), at + "/kind"),
             "tokens": opt(ph, "tokens", at, as_quantity, "non_negative"),
             "epochs": opt(ph, "epochs", at, as_quantity, "positive"),
             "compute_flop": opt(ph, "compute_flop", at, as_quantity, "non_negative"),
             "parameters": opt(ph, "parameters", at, as_quantity, "positive"), "hardware": None}
    hw = ph.get("hardware")
    if hw is not None:
        hat = at + "/hardware"
        as_object(hw, hat)
        chip = data.chip(as_str(required(hw, "accelerator", hat), hat + "/accelerator"))
        want(chip is not None, hat + "/accelerator", "an accelerator in the catalogue")
        use = {"pointer": hat, "chip": chip,
               "count": opt(hw, "count", hat, as_quantity, "positive"),
               "hours": opt(hw, "hours", hat, as_quantity, "non_negative"),
               "accelerator_hours": opt(hw, "accelerator_hours", hat, as_quantity, "non_negative"),
               "utilization": opt(hw, "utilization", hat, as_quantity, "unit"),
               "metric": opt(hw, "utilization_metric", hat, as_str) or "mfu", "precision": None}
        want(use["metric"] in ("mfu", "tensor_active", "occupancy"), hat + "/utilization_metric",
             '"mfu", "tensor_active" or "occupancy"')
        if hw.get("precision") is not None:
            use["precision"] = PRECISIONS.get(name_key(as_str(hw["precision"], hat + "/precision")))
            want(use["precision"] is not None, hat + "/precision", "a precision: bf16, fp16, fp8, tf32, ...")
        phase["hardware"] = use
    return phase


# ---- mapping Hub API JSON ----------------------------------------------------

def strings_of(v):
    if isinstance(v, str):
        return [v]
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def count_of(v):
    """A JSON number that is a finite non-negative count, else None."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        v = float(v)
        return v if math.isfinite(v) and v >= 0 else None
    return None


def size_token(tok):
    """ "7b" -> 7e9, "560m" -> 5.6e8, else None (tok is lower-case)."""
    if len(tok) < 2 or tok[-1] not in "bm":
        return None
    digits = tok[:-1]
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", digits):
        return None
    v = float(digits)
    return v * (1e9 if tok[-1] == "b" else 1e6) if v > 0 else None


def sizes_from_name(name):
    """Sizes a repository name encodes: total, active ("57B-A14B"), MoE hint ("8x22B"), ambiguity."""
    out = {"total": None, "active": None, "moe": False, "ambiguous": False}
    tokens = [t for t in re.split(r"[-_/ ]", name) if t]
    sizes = []  # (value, token index)
    for i, t in enumerate(tokens):
        tok = ascii_lower(t)
        if "moe" in tok:
            out["moe"] = True
        x = tok.find("x")
        if x > 0 and tok[:x].isdigit() and tok[:x].isascii() and size_token(tok[x + 1:]):
            out["moe"] = True
            continue
        if len(tok) > 2 and tok[0] == "a" and sizes and sizes[-1][1] == i - 1 and size_token(tok[1:]):
            out.update(total=sizes[-1][0], active=size_token(tok[1:]), moe=True)
            return out
        v = size_token(tok)
        if v:
            sizes.append((v, i))
    if len(sizes) == 1:
        out["total"] = sizes[0][0]
    elif len(sizes) > 1:
        out["ambiguous"] = True
    return out


def add_missing(prov, field, needed_for):
    if all(m["field"] != field for m in prov["missing"]):
        prov["missing"].append({"field": field, "needed_for": needed_for})


def flag(prov, fid, severity):
    prov["flags"].append({"id": fid, "severity": severity})


def exact(v, pointer):
    return (v, v, pointer)


def map_hub(m, data):
    """Hub API model JSON -> (card, provenance), as gpai-eval's Hugging Face mapper."""
    card = new_card(m["id"])
    prov = {"missing": [], "flags": [], "undecidable": [], "base_models": [], "relation": ""}
    top = m.get
    cd = m.get("cardData") if isinstance(m.get("cardData"), dict) else {}
    tags = strings_of(top("tags"))
    # identity and what Hub metadata never says
    add_missing(prov, "/provider/established_in_eu", "authorised_representative")
    add_missing(prov, "/placed_on_market", "deadlines")
    # licence
    lic = card["licence"]
    names = strings_of(cd.get("license"))
    lic["name"] = names[0] if names else ""
    if not lic["name"]:
        lic["name"] = next((t[8:] for t in tags if t.startswith("license:")), "")
    if not lic["name"]:
        add_missing(prov, "/license/name", "open_source_exemption")
    else:
        if lic["name"] == "other" and isinstance(cd.get("license_name"), str):
            lic["name"] = "other: " + cd["license_name"]
        lid = ascii_lower(lic["name"])
        if lid in data.free_licences:
            lic["open_source"] = True
        elif any(mark in lid for mark in data.not_free_markers):
            lic["open_source"] = False
        else:
            add_missing(prov, "/license/open_source", "open_source_exemption")
    gated = top("gated")
    if top("private") is True:
        lic["weights_public"] = False
    elif gated is not None and gated is not False:
        add_missing(prov, "/license/weights_public", "open_source_exemption")
    elif top("safetensors") is not None:
        lic["weights_public"] = True
    else:
        add_missing(prov, "/license/weights_public", "open_source_exemption")
    # modalities from the pipeline tag
    tag = top("pipeline_tag") if isinstance(top("pipeline_tag"), str) else cd.get("pipeline_tag")
    tag = tag if isinstance(tag, str) else ""
    if not tag:
        add_missing(prov, "/modalities", "gpai")
    elif tag in data.pipelines:
        ins, outs = data.pipelines[tag]
        card["inputs"], card["outputs"] = list(ins), list(outs)
    else:
        flag(prov, "pipeline_tag_unmapped", "warning")
        add_missing(prov, "/modalities", "gpai")
    # lineage: base_model in cardData, base_model:<relation>:<id> tags
    bases = prov["base_models"]
    bases += strings_of(cd.get("base_model"))
    if isinstance(cd.get("base_model_relation"), str):
        prov["relation"] = cd["base_model_relation"]
    for t in tags:
        if not t.startswith("base_model:"):
            continue
        rest = t[11:]
        for rel in ("finetune", "adapter", "quantized", "merge"):
            if rest.startswith(rel + ":"):
                prov["relation"] = prov["relation"] or rel
                rest = rest[len(rel) + 1:]
                break
        if rest not in bases:
            bases.append(rest)
    if bases:
        card["modification"] = {"base_model": bases[0], "base_compute": None, "base_systemic": None,
                                "compute": None}
        if prov["relation"] == "quantized":
            flag(prov, "quantised_derivative", "info")
        else:
            add_missing(prov, "/modification/compute_flop", "modification")
    # co2_eq_emissions: only its hardware and training type reach the card
    hardware, training_type = None, ""
    co2 = cd.get("co2_eq_emissions")
    if co2 is not None:
        grams = None
        if isinstance(co2, dict):
            e = co2.get("emissions")
            grams = count_of(e) if not isinstance(e, str) else parse_quantity(e)
            if isinstance(co2.get("training_type"), str):
                training_type = ascii_lower(co2["training_type"])
            if isinstance(co2.get("hardware_used"), str):
                hardware = co2_hardware(co2["hardware_used"], data, prov)
        else:
            grams = count_of(co2) if not isinstance(co2, str) else parse_quantity(co2)
        if grams is None or grams < 0:
            flag(prov, "co2_unreadable", "info")
        elif grams < 10:
            flag(prov, "co2_unit_suspect", "warning")
    map_sizes(m, cd, card, prov)
    # training phases from the lineage
    by_co2 = "fine" in training_type
    fine_tuning = None
    if prov["relation"] == "merge":
        for _ in bases:
            card["phases"].append(hub_phase(card, "merged_weights"))
    elif bases or by_co2:
        card["phases"].append(hub_phase(card, "initialization_weights"))
        if prov["relation"] != "quantized":
            fine_tuning = len(card["phases"])
            card["phases"].append(hub_phase(card, "fine_tuning"))
    else:
        card["phases"].append(hub_phase(card, "pretraining"))
    if hardware:
        ph = card["phases"][fine_tuning if by_co2 and fine_tuning is not None else 0]
        hardware["pointer"] = ph["pointer"] + "/hardware"
        ph["hardware"] = hardware
        add_missing(prov, ph["pointer"] + "/hardware/accelerator_hours", "threshold")
    for ph in card["phases"]:
        if not ph["hardware"]:
            add_missing(prov, ph["pointer"] + "/tokens", "threshold")
    card["benchmarks"] = model_index_results(cd.get("model-index"))
    add_missing(prov, "/reach", "annex_xiii_reach")
    return card, prov


def hub_phase(card, kind):
    p = "/training/phases/%d" % len(card["phases"])
    return {"pointer": p, "name": kind, "kind": kind, "tokens": None, "epochs": None, "compute_flop": None,
            "parameters": None, "hardware": None}


def co2_hardware(text, data, prov):
    """ "384 A100 80GB GPUs" -> a hardware use with a count and no time."""
    count = None
    m = re.match(r"([0-9,]+) ", text)
    if m:
        count = parse_quantity(m.group(1))
        text = text[m.end():]
    for suffix in (" GPUs", " GPU", " TPUs", " TPU", " chips", " accelerators"):
        if len(text) > len(suffix) and text.endswith(suffix):
            text = text[:-len(suffix)]
    chip = data.chip(text)
    if chip is None:
        flag(prov, "hardware_not_in_catalogue", "info")
        return None
    return {"pointer": "", "chip": chip, "count": exact(count, "co2") if count else None, "hours": None,
            "accelerator_hours": None, "utilization": None, "metric": "mfu", "precision": None}


def map_sizes(m, cd, card, prov):
    st = m.get("safetensors")
    quantised = False
    if isinstance(st, dict):
        params, total = st.get("parameters"), count_of(st.get("total"))
        if not isinstance(params, dict) or not params:
            if total is not None:
                card["parameters"] = exact(total, "/safetensors/total")
                flag(prov, "safetensors_total_only", "info")
        else:
            floats = low = ints = 0.0
            for dtype, v in params.items():
                n = count_of(v)
                if n is None:
                    continue
                if dtype in ("F64", "F32", "BF16", "F16"):
                    floats += n
                elif dtype.startswith("F8"):
                    low += n
                else:
                    ints += n
            everything = floats + low + ints
            if everything > 0:
                if total is not None and abs(total - everything) > 0.5:
                    flag(prov, "safetensors_total_mismatch", "info")
                if ints > 1e-3 * everything:  # packed weights of a quantised checkpoint
                    flag(prov, "safetensors_quantised", "warning")
                    add_missing(prov, "/architecture/parameters", "threshold")
                    quantised = True
                else:
                    card["parameters"] = exact(floats + low, "/safetensors/parameters")
                    if ints > 0:
                        flag(prov, "safetensors_buffers_ignored", "info")
                    if low > 0:
                        flag(prov, "safetensors_fp8", "info")
    cfg = m.get("config") if isinstance(m.get("config"), dict) else {}
    moe = any((count_of(cfg.get(k)) or 0) > 1
              for k in ("num_experts", "num_local_experts", "n_routed_experts", "moe_num_experts"))
    for tags in (m.get("tags"), cd.get("tags")):
        if isinstance(tags, list) and ("moe" in tags or "mixture-of-experts" in tags):
            moe = True
    hints = [m["id"]] + ([m["modelId"]] if isinstance(m.get("modelId"), str) else [])
    for hint in hints:
        name = sizes_from_name(hint)
        if name["total"] or name["moe"] or name["ambiguous"]:
            break
    moe = moe or name["moe"]
    card["kind"] = "moe" if moe else "dense"
    if not card["parameters"] and not quantised and name["total"]:
        card["parameters"] = exact(name["total"], "name")
        flag(prov, "parameters_from_name", "warning")
    if moe:
        if name["active"]:
            card["active"] = exact(name["active"], "name")
            flag(prov, "moe_sizes_from_name", "warning")
        else:
            add_missing(prov, "/architecture/active_parameters", "threshold")
        if card["parameters"] and card["active"] and card["active"][0] > card["parameters"][0]:
            flag(prov, "moe_sizes_inconsistent", "warning")
            card["active"] = None
    if not card["parameters"]:
        add_missing(prov, "/architecture/parameters", "threshold")


def model_index_results(index):
    """First accuracy-like metric per model-index result, as (name, score, max)."""
    out = []
    for entry in index if isinstance(index, list) else []:
        results = entry.get("results") if isinstance(entry, dict) else None
        for res in results if isinstance(results, list) else []:
            dataset = res.get("dataset") if isinstance(res, dict) else None
            metrics = res.get("metrics") if isinstance(res, dict) else None
            if not isinstance(dataset, dict) or not isinstance(metrics, list):
                continue
            name = dataset.get("name") if isinstance(dataset.get("name"), str) else dataset.get("type")
            if not isinstance(name, str):
                continue
            for metric in metrics:
                t = metric.get("type") if isinstance(metric, dict) else None
                v = count_of(metric.get("value")) if isinstance(metric, dict) else None
                if not isinstance(t, str) or v is None or v > 100:
                    continue
                if "acc" in t or "exact_match" in t or "pass@" in t or t in ("f1", "mc1", "mc2", "em"):
                    out.append((name, v, 1.0 if v <= 1 else 100.0))
                    break
    return out


# ---- Monte Carlo -------------------------------------------------------------
# Draws are a list: one value when exact, `samples` values otherwise.

def draw(q, mc):
    lo, hi, key = q
    seed, samples = mc
    if lo == hi:
        return [lo]
    if samples < 2:
        return [median(q)]
    mu = 0.5 * (math.log(lo) + math.log(hi))
    sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
    rng = random.Random("%d/%s" % (seed, key))
    return [rng.lognormvariate(mu, sigma) for _ in range(samples)]


def combine(a, b, op):
    if len(a) == 1:
        return [op(a[0], y) for y in b]
    if len(b) == 1:
        return [op(x, b[0]) for x in a]
    return [op(x, y) for x, y in zip(a, b)]


def mul(a, b):
    return combine(a, b, lambda x, y: x * y)


def add(a, b):
    return combine(a, b, lambda x, y: x + y)


def percentile(s, p):
    rank = p / 100 * (len(s) - 1)
    lo = int(math.floor(rank))
    frac = rank - lo
    return s[lo] + frac * (s[lo + 1] - s[lo]) if frac > 0 and lo + 1 < len(s) else s[lo]


def summary(d):
    """(median, p05, p95)."""
    if len(d) == 1:
        return (d[0], d[0], d[0])
    s = sorted(d)
    return (percentile(s, 50), percentile(s, 5), percentile(s, 95))


def median(q):
    return q[0] if q[0] == q[1] else math.sqrt(q[0]) * math.sqrt(q[1])


# ---- training compute --------------------------------------------------------

def estimate(card, data, mc):
    """Per phase every method its inputs allow, the headline, totals, findings."""
    findings, phases, per_method = [], [], {}
    cumulative = training = indicative = None
    complete, counted = True, 0
    for ph in card["phases"]:
        rule = data.kinds.get(ph["kind"])
        if rule is None:
            raise CardError(ph["pointer"] + "/kind", "unknown phase kind '%s'" % ph["kind"])
        methods = []  # (name, draws, summary)
        k = rule["flop_per_parameter_token"]
        if ph["tokens"] and k > 0:
            n = ph["parameters"]
            if not n and card["kind"] == "moe":
                if not card["active"]:
                    raise CardError("/architecture/active_parameters",
                                    "active_parameters required for a mixture-of-experts model")
                n = card["active"]
            elif not n:
                n = card["parameters"]
            if n:
                tokens = draw(ph["tokens"], mc)
                if ph["epochs"]:
                    tokens = mul(tokens, draw(ph["epochs"], mc))
                nd = draw(n, mc)
                six = [x * k for x in mul(nd, tokens)]
                methods.append(("architecture_6nd", six, summary(six)))
                if card["layers"] and card["d_model"] and card["context"]:
                    attention = mul(mul(draw(card["layers"], mc), draw(card["context"], mc)), draw(card["d_model"], mc))
                    kap = [x * k for x in mul(add(nd, attention), tokens)]
                    methods.append(("architecture_kaplan", kap, summary(kap)))
        if ph["compute_flop"]:
            d = draw(ph["compute_flop"], mc)
            methods.append(("stated", d, summary(d)))
        if ph["hardware"]:
            hardware_method(ph, data, mc, methods, findings)
        head = next((m for name in ("architecture_6nd", "stated", "hardware") for m in methods if m[0] == name), None)
        if head and head[2][0] > 0:
            for m in methods:
                if m is head or m[2][0] <= 0:
                    continue
                ratio = m[2][0] / head[2][0]
                if ratio > data.disagreement or ratio < 1 / data.disagreement:
                    findings.append("methods_disagree")
        phases.append({"phase": ph, "counts_cumulative": rule["counts_cumulative"],
                       "counts_training": rule["counts_training"], "methods": methods, "headline": head})
        if rule["counts_cumulative"]:
            counted += 1
            if head:
                cumulative = head[1] if cumulative is None else add(cumulative, head[1])
                if rule["counts_training"]:
                    training = head[1] if training is None else add(training, head[1])
                if rule["counts_indicative"]:
                    indicative = head[1] if indicative is None else add(indicative, head[1])
            else:
                complete = False
                findings.append("phase_without_evidence")
            for name, d, _ in methods:
                slot = per_method.setdefault(name, [None, 0])
                slot[0] = d if slot[0] is None else add(slot[0], d)
                slot[1] += 1
    totals = [(name, summary(per_method[name][0]), per_method[name][1], counted)
              for name in ("architecture_6nd", "architecture_kaplan", "stated", "hardware") if name in per_method]
    return {"phases": phases, "cumulative": cumulative, "training": training, "indicative": indicative,
            "complete": complete,
            "methods": totals, "findings": findings}


def hardware_method(ph, data, mc, methods, findings):
    hw = ph["hardware"]
    if hw["accelerator_hours"]:
        hours = draw(hw["accelerator_hours"], mc)
        if hw["count"] and hw["hours"]:
            implied = median(hw["count"]) * median(hw["hours"])
            given = median(hw["accelerator_hours"])
            if given > 0 and abs(implied / given - 1) > 0.1:
                findings.append("hardware_time_inconsistent")
    elif hw["count"] and hw["hours"]:
        hours = mul(draw(hw["count"], mc), draw(hw["hours"], mc))
    else:
        findings.append("hardware_time_missing")
        return
    chip = hw["chip"]
    precision = hw["precision"] or chip["default_precision"]
    peak = chip["peak_flop_per_s_dense"].get(precision)
    if peak is None:
        raise CardError(hw["pointer"] + "/precision", "%s has no dense peak at %s" % (chip["id"], precision))
    if not hw["utilization"]:
        mfu = draw(data.default_util, mc)
    elif hw["metric"] == "mfu":
        mfu = draw(hw["utilization"], mc)
    else:
        conv = data.conversions[hw["metric"]]
        factor = draw((conv["low"], conv["high"], "assumption/mfu_per_" + hw["metric"]), mc)
        mfu = [min(x, 1.0) for x in mul(draw(hw["utilization"], mc), factor)]
        findings.append("occupancy_not_mfu" if hw["metric"] == "occupancy" else "tensor_active_not_mfu")
    flop = [x * (3600.0 * peak) for x in mul(hours, mfu)]
    methods.append(("hardware", flop, summary(flop)))


# ---- the legal assessment ----------------------------------------------------

def assess(card, data, mc):
    est = estimate(card, data, mc)
    findings = list(est["findings"])
    cum = est["cumulative"]
    cum_s = summary(cum) if cum is not None else None
    # Art. 51(2) presumption
    rule = data.params.get(PRESUMPTION)
    entry = rule.in_force(data.as_of) if rule else None
    threshold = entry.get("value") if entry else None
    p_above = 0.0
    if threshold is None:
        status = "not_in_force"
    elif cum is None:
        status = "insufficient_evidence"
    else:
        status = "above" if rule.exceeded_by(cum_s[1], threshold) else (
            "below" if not rule.exceeded_by(cum_s[2], threshold) else "borderline")
        p_above = sum(1 for x in cum if x > threshold) / len(cum)
        if not est["complete"] and status == "below":
            status = "borderline"
    presumption = {"above": "presumed", "borderline": "borderline", "below": "not_presumed",
                   "not_in_force": "not_presumed"}.get(status, "insufficient_evidence")
    # cross-checks: the provider's own figure, and methods that reach past the threshold
    if card["reported"] and cum is not None:
        claim, med = median(card["reported"]), cum_s[0]
        if claim > 0 and med > 0:
            ratio = med / claim
            bad = ratio > data.disagreement or ratio < 1 / data.disagreement
            findings.append("claim_disagrees" if bad else "claim_consistent")
        if threshold is not None and claim <= threshold and cum_s[2] > threshold:
            findings.append("claim_below_threshold_estimate_reaches_above")
    if threshold is not None and status == "below":
        for name, s, covered, counted in est["methods"]:
            if covered == counted and s[2] > threshold:
                findings.append("alternative_method_reaches_threshold")
    training_s = summary(est["training"]) if est["training"] is not None else None
    mod = modification_test(card, data, training_s)
    indicative_s = summary(est["indicative"]) if est["indicative"] is not None else None
    gpai = gpai_status(card, data, mod, indicative_s)
    annex = annex_xiii(card, data, est, cum_s, status)
    systemic = systemic_risk(card, data, gpai, mod, presumption, annex)
    return {"compute": cum_s, "threshold": threshold, "status": status, "p_above": p_above, "gpai": gpai,
            "systemic": systemic, "annex": annex, "findings": findings, "estimate": est,
            "obligations": obligations(card, data, gpai, mod, systemic)}


def modification_test(card, data, training_s):
    """Guidelines paras 59-61: does the modifier become the provider?"""
    m = card["modification"]
    v = {"present": m is not None, "compute": None, "threshold": None, "provider": False, "systemic": False}
    if m is None:
        return v
    if m["compute"]:
        v["compute"] = median(m["compute"])
    elif training_s:
        v["compute"] = training_s[0]
    fraction = data.value_at("modification.compute_fraction")
    if fraction is None:
        return v
    if m["base_compute"]:
        v["threshold"] = median(m["base_compute"]) * fraction
    else:
        v["threshold"] = data.value_at("modification.unknown_base_systemic_flop" if m["base_systemic"]
                                       else "modification.unknown_base_other_flop")
    if v["threshold"] is None or v["compute"] is None:
        return v
    v["provider"] = data.params["modification.compute_fraction"].exceeded_by(v["compute"], v["threshold"])
    v["systemic"] = v["provider"] and bool(m["base_systemic"])
    return v


def gpai_status(card, data, mod, training_s):
    """Art. 3(63) with the guidelines' indicative criterion (paras 17-20), on the
    training the weights carry (the ledger's counts_indicative)."""
    on_market = card["placed_on_market"] is not None and card["placed_on_market"] <= data.as_of
    if card["stage"] == "research" and not on_market:
        return "not_gpai"
    if card["designated"]:
        return "gpai"
    if card["narrow_tasks"]:
        return "not_gpai"
    if mod["present"] and mod["provider"]:
        return "gpai"
    outs, ins = card["outputs"], card["inputs"]
    generative = any(x in outs for x in ("text", "code", "audio", "speech")) or (
        ("text" in ins or not ins) and ("image" in outs or "video" in outs))
    generality = data.value_at("recital98.generality_parameters")
    large = bool(card["parameters"] and generality is not None and
                 data.params["recital98.generality_parameters"].exceeded_by(median(card["parameters"]), generality))
    rule = data.params.get("gpai.indicative_training_compute")
    entry = rule.in_force(data.as_of) if rule else None
    if not entry or entry.get("value") is None:
        return "indeterminate"
    t = entry["value"]
    if training_s is None:
        return "indeterminate"
    if rule.exceeded_by(training_s[1], t):
        return "gpai" if generative else ("indeterminate" if not outs else "not_gpai")
    if not rule.exceeded_by(training_s[2], t):
        return "indeterminate" if generative and large else "not_gpai"
    return "indeterminate"


def compare(data, pid, value):
    p = data.params.get(pid)
    e = p.in_force(data.as_of) if p else None
    if not e or e.get("value") is None or value is None:
        return "unknown"
    return "met" if p.exceeded_by(value, e["value"]) else "not_met"


def annex_xiii(card, data, est, cum_s, threshold_status):
    """Annex XIII points (a)-(g): {point: met | not_met | unknown}, in the rule data's order."""
    out = {}
    for c in data.annex_xiii:
        ind, ref = c["indicator"], c.get("reference_parameter", "")
        if ind == "parameters":
            s = compare(data, ref, median(card["parameters"]) if card["parameters"] else None)
        elif ind == "tokens":
            seen = [median(p["phase"]["tokens"]) * (median(p["phase"]["epochs"]) if p["phase"]["epochs"] else 1.0)
                    for p in est["phases"] if p["phase"]["tokens"] and p["counts_training"]]
            s = compare(data, ref, sum(seen) if seen else None)
        elif ind == "compute":
            s = compare(data, ref, cum_s[0] if cum_s else None)
            if s != "unknown" and threshold_status == "borderline":
                s = "unknown"
        elif ind == "modalities":
            every = set(card["inputs"]) | set(card["outputs"])
            s = "unknown" if not every else ("met" if every - {"text", "code"} else "not_met")
        elif ind == "benchmarks":
            s = benchmarks_point(card, data.frontier)
        elif ind == "business_users":
            s = compare(data, ref, median(card["business_users"]) if card["business_users"] else None)
        else:
            s = compare(data, ref, median(card["end_users"]) if card["end_users"] else None)
        out[c["point"]] = s
    return out


def benchmarks_point(card, table):
    near = far = 0
    for name, score, top in card["benchmarks"]:
        key = name_key(name)
        best = next((r for r in table["results"]
                     if name_key(r["benchmark"]) == key or any(name_key(a) == key for a in r.get("aliases", []))),
                    None)
        if best is None:
            continue
        if score / top >= table["within_share"] * best["score"] / best["max"]:
            near += 1
        else:
            far += 1
    if near or (card["tool_use"] and card["autonomy"]):
        return "met"
    if far or card["tool_use"] is not None or card["autonomy"] is not None:
        return "not_met"
    return "unknown"


def systemic_risk(card, data, gpai, mod, presumption, annex):
    listed = any(d["model"] == card["name"] and d["decided"] <= data.as_of for d in data.designations)
    if gpai == "not_gpai" and not card["designated"] and not listed:
        status = "not_presumed"
    elif card["designated"] or listed:
        status = "designated"
    elif mod["systemic"]:
        status = "presumed"
    else:
        status = presumption
    met = [c["id"] for c in data.annex_xiii if annex[c["point"]] == "met"]
    rule = data.candidate
    candidate = any(i in rule["when_any_met"] for i in met) or (0 < rule["or_min_met"] <= len(met))
    if candidate and status in ("not_presumed", "insufficient_evidence") and gpai != "not_gpai":
        status = "designation_candidate"
    return status


def obligations(card, data, gpai, mod, systemic):
    """Ids of the obligations (and their Annex XI/XII items) that apply, in the rule data's order."""
    has_risk = systemic in ("presumed", "designated")
    lic = card["licence"]
    open_source = bool(lic["open_source"]) and bool(lic["weights_public"])
    out = []
    for o in data.obligations:
        start = data.date_at(o["in_force_from"])
        applies = False
        if start is not None and start <= data.as_of and gpai == "gpai" and not (
                mod["present"] and mod["threshold"] is not None and mod["compute"] is not None and not mod["provider"]):
            if o["applies_to"] == "gpai":
                applies = True
            elif o["applies_to"] == "systemic_risk":
                applies = has_risk and not (o["deadline"] == "notification" and systemic == "designated")
            else:  # non_eu_gpai
                applies = card["provider_in_eu"] is False
            if applies and not has_risk and open_source and any(
                    e["when"] == "open_source_without_systemic_risk" for e in o.get("exemptions", [])):
                applies = False
        if applies:
            out.append(o["id"])
            out += [item["id"] for item in o.get("items", [])]
    return out


def note_missing_evidence(card, est, prov):
    """For every counted phase without an estimate: the evidence it would need."""
    if not card["phases"]:
        add_missing(prov, "/training/phases", "threshold")
    elif not any(p["counts_cumulative"] for p in est["phases"]):
        add_missing(prov, "/training/phases", "threshold")
    for p in est["phases"]:
        ph = p["phase"]
        if p["headline"] or not p["counts_cumulative"]:
            continue
        hw = ph["hardware"]
        if hw and not hw["accelerator_hours"] and not (hw["count"] and hw["hours"]):
            add_missing(prov, hw["pointer"] + "/accelerator_hours", "threshold")
        elif ph["tokens"] and card["kind"] == "moe" and not card["active"] and not ph["parameters"]:
            add_missing(prov, "/architecture/active_parameters", "threshold")
        elif ph["tokens"] and not (ph["parameters"] or card["parameters"]):
            add_missing(prov, "/architecture/parameters", "threshold")
        elif not ph["tokens"]:
            add_missing(prov, ph["pointer"] + "/tokens", "threshold")
    for m in prov["missing"]:
        if m["needed_for"] not in prov["undecidable"]:
            prov["undecidable"].append(m["needed_for"])


# ---- one record --------------------------------------------------------------

def score(rec, data, mc):
    """-> (format, id, row fields); raises CardError."""
    if "schema" in rec:
        card = read_v1_card(rec, data)
        fmt, prov = "gpai-card-1", {"missing": [], "flags": [], "undecidable": [], "base_models": [], "relation": ""}
    elif isinstance(rec.get("id"), str) and any(k in rec for k in HUB_KEYS):
        fmt = "hf-hub-api"
        card, prov = map_hub(rec, data)
    else:
        raise CardError("", "not a model card")
    a = assess(card, data, mc)
    note_missing_evidence(card, a["estimate"], prov)
    c = a["compute"]
    return {"format": fmt, "id": card["name"],
            "compute_flop": {"median": c[0], "p05": c[1], "p95": c[2]} if c else None,
            "threshold_rule": PRESUMPTION, "threshold_status": a["status"], "threshold_flop": a["threshold"],
            "p_above_threshold": a["p_above"] if c else None, "gpai_status": a["gpai"],
            "systemic_risk_status": a["systemic"], "obligations": a["obligations"], "annex_xiii": a["annex"],
            "insufficient_evidence": a["status"] == "insufficient_evidence", "missing": prov["missing"],
            "undecidable": prov["undecidable"], "flags": prov["flags"], "findings": a["findings"],
            "base_model": prov["base_models"][0] if prov["base_models"] else None,
            "base_model_relation": prov["relation"] or None}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("--data", default=os.environ.get("GPAI_DATA_DIR") or os.path.join(here, "..", "data"))
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--samples", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=20250802)
    ap.add_argument("--output", default="/dev/null")
    ap.add_argument("--errors", default="/dev/null")
    a = ap.parse_args()
    if not is_date(a.as_of):
        ap.error("--as-of: expected YYYY-MM-DD")
    data = Data(a.data, a.as_of)
    mc = (a.seed, a.samples)
    start = time.time()
    raw = open(a.input, "rb")
    src = gzip.open(raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
    counts = {"records": 0, "results": 0, "errors": 0}
    with open(a.output, "w") as out, open(a.errors, "w") as err:
        for line_no, line in enumerate(src, 1):
            line = line.rstrip(b"\n").rstrip(b"\r")
            if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip(b" \t\r"):
                continue
            counts["records"] += 1
            where = {"record": counts["records"], "source": a.input, "line": line_no, "pointer": ""}
            fmt = rid = None
            try:
                rec = parse_json(line)
                if not isinstance(rec, dict):
                    raise CardError("", "expected a JSON object (one model card per record)")
                if "schema" in rec:
                    fmt, rid = "gpai-card-1", rec.get("name") if isinstance(rec.get("name"), str) else None
                elif isinstance(rec.get("id"), str):
                    rid = rec["id"]
                row = score(rec, data, mc)
            except CardError as e:
                err.write(json.dumps(dict(where, pointer=e.pointer, format=fmt, id=rid, error="input_error",
                                          message=str(e))) + "\n")
                counts["errors"] += 1
                continue
            except Exception as e:  # a bug here must not stop the other cards (as in gpai-eval)
                err.write(json.dumps(dict(where, format=fmt, id=rid, error="internal_error",
                                          message="internal error: %r" % e)) + "\n")
                counts["errors"] += 1
                continue
            out.write(json.dumps(dict(where, **row)) + "\n")
            counts["results"] += 1
    secs = time.time() - start
    sys.stderr.write("baseline: %d records = %d results + %d errors in %.2f s (%.0f records/s)\n"
                     % (counts["records"], counts["results"], counts["errors"], secs,
                        counts["records"] / max(secs, 1e-9)))


if __name__ == "__main__":
    main()
