#!/usr/bin/python3
"""Generate a large, realistic, reproducible set of model cards for `gpai-eval batch`.

Output is JSON Lines mixing the formats batch reads from a stream:
  * gpai-eval cards v1 (dense and mixture-of-experts, one to three training
    phases, hardware phases, stated operation counts, reported compute),
  * Hugging Face Hub API model JSON (safetensors per dtype, quantised repos,
    MoE configs, base-model lineage tags, cardData front matter),
  * a share of malformed records (truncated lines, wrong types, unknown
    formats, invalid UTF-8, duplicate keys, MoE cards without active
    parameters, unknown accelerators),
  * a small share of cards whose inputs are 90 % intervals, the only ones that
    need Monte Carlo sampling.
With --readme-dir it also writes Hugging Face README.md files (YAML front
matter) into a directory tree, for directory-mode runs.

Usage:
  bench/gen_cards.py --count 1000000 --seed 1 > cards.jsonl
  bench/gen_cards.py --count 2000 --readme-dir /tmp/cards-tree
Same arguments, same bytes (random.Random(seed); no time, no hash order).
"""
import argparse
import json
import os
import random
import sys

ORGS = ["acme", "northwind", "contoso", "initech", "umbrella", "globex", "hooli", "vandelay",
        "tyrell", "wayne", "stark", "cyberdyne", "aperture", "soylent", "wonka", "oscorp"]
FAMILIES = ["Lumen", "Orca", "Falcon", "Corvid", "Aster", "Nimbus", "Tessera", "Quill", "Vela", "Atlas"]
DENSE_SIZES = [0.5e9, 1.1e9, 1.5e9, 3e9, 7e9, 8e9, 13e9, 14e9, 32e9, 34e9, 70e9, 72e9, 180e9, 405e9]
MOE_SIZES = [(7e9, 1.3e9), (47e9, 13e9), (57e9, 14e9), (141e9, 39e9), (235e9, 22e9), (671e9, 37e9)]
ACCELERATORS = ["H100-SXM", "A100-SXM4-80GB", "H800-SXM", "TPU-v5p", "MI300X", "B200", "A100-SXM4-40GB"]
PIPELINES = (["text-generation"] * 12 + ["text2text-generation", "image-text-to-text", "text-to-image",
             "automatic-speech-recognition", "feature-extraction", "text-classification",
             "text-to-speech", "image-classification", "any-to-any", "text-to-video"])
LICENCES = (["apache-2.0"] * 6 + ["mit"] * 3 + ["llama3.1", "gemma", "other", "cc-by-nc-4.0",
            "openrail", "cc-by-4.0", "bigscience-bloom-rail-1.0"])


def count_text(v, rng):
    """A count as cards write it: a number, "405B" or "15.6T"."""
    style = rng.random()
    if style < 0.3:
        return int(v)
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6)):
        if v >= scale:
            return "%g%s" % (round(v / scale, 2), unit)
    return int(v)


def size_name(v):
    return "%gB" % round(v / 1e9, 1) if v >= 1e9 else "%dM" % round(v / 1e6)


def interval(v, rng):
    spread = rng.uniform(1.1, 1.6)
    return {"low": count_text(v / spread, rng), "high": count_text(v * spread, rng)}


def v1_card(i, rng, ranged):
    org = rng.choice(ORGS)
    moe = rng.random() < 0.3
    card = {"schema": "gpai-eval/model-card/1",
            "name": "%s/%s-%d" % (org, rng.choice(FAMILIES), i),
            "provider": {"name": org.title() + " AI", "established_in_eu": rng.random() < 0.4},
            "placed_on_market": "20%02d-%02d-%02d" % (rng.randint(23, 26), rng.randint(1, 12), rng.randint(1, 28)),
            "license": {"name": rng.choice(LICENCES), "open_source": rng.random() < 0.5,
                        "weights_public": rng.random() < 0.6}}
    if moe:
        total, active = rng.choice(MOE_SIZES)
        card["architecture"] = {"kind": "moe", "parameters": count_text(total, rng),
                                "active_parameters": count_text(active, rng)}
        n = active
    else:
        n = rng.choice(DENSE_SIZES)
        card["architecture"] = {"kind": "dense", "parameters": count_text(n, rng)}
        if rng.random() < 0.3:
            card["architecture"].update({"layers": rng.choice([24, 32, 48, 80, 126]),
                                         "d_model": rng.choice([2048, 4096, 8192, 16384]),
                                         "context_length": rng.choice([2048, 4096, 8192, 32768])})
    card["modalities"] = {"input": ["text"] + (["image"] if rng.random() < 0.2 else []), "output": ["text"]}
    tokens = n * rng.uniform(10, 400)
    phases = []
    if rng.random() < 0.05:  # no evidence at all: insufficient_evidence
        phases.append({"name": "pre-training", "kind": "pretraining"})
    else:
        phases.append({"name": "pre-training", "kind": "pretraining",
                       "tokens": interval(tokens, rng) if ranged else count_text(tokens, rng)})
    if rng.random() < 0.4:
        hw = {"accelerator": rng.choice(ACCELERATORS), "count": rng.choice([8, 64, 256, 1024]),
              "hours": rng.randint(2, 400), "precision": "bf16"}
        if not ranged:
            hw["utilization"] = round(rng.uniform(0.25, 0.55), 2)
        phases.append({"name": "fine-tuning", "kind": "fine_tuning", "hardware": hw})
    if rng.random() < 0.15:
        phases.append({"name": "synthetic data", "kind": "synthetic_data", "tokens": count_text(tokens / 20, rng),
                       "parameters": count_text(rng.choice(DENSE_SIZES), rng)})
    if rng.random() < 0.1:
        phases.append({"name": "reward model", "kind": "reward_model", "compute_flop": "%.2e" % (tokens * n)})
    card["training"] = {"phases": phases}
    if rng.random() < 0.3:
        card["training"]["reported_compute_flop"] = "%.2e" % (6 * n * tokens * rng.uniform(0.6, 1.5))
    return card


def hub_model(i, rng):
    org = rng.choice(ORGS)
    family = rng.choice(FAMILIES)
    moe = rng.random() < 0.12
    if moe:
        total, active = rng.choice(MOE_SIZES)
        name = "%s-%s-A%s" % (family, size_name(total), size_name(active)) if rng.random() < 0.5 \
            else "%s-MoE-%d" % (family, i)
    else:
        total = rng.choice(DENSE_SIZES)
        name = "%s-%s" % (family, size_name(total)) if rng.random() < 0.7 else "%s-%d" % (family, i)
    suffix = rng.choice(["", "-Instruct", "-Chat", "-v0.%d" % rng.randint(1, 9)])
    model = {"id": "%s/%s%s-%d" % (org, name, suffix, i), "author": org,
             "pipeline_tag": rng.choice(PIPELINES),
             "downloads": rng.randint(0, 5_000_000), "likes": rng.randint(0, 5000),
             "createdAt": "20%02d-%02d-%02dT10:00:00.000Z" % (rng.randint(22, 26), rng.randint(1, 12), rng.randint(1, 28)),
             "library_name": "transformers"}
    licence = rng.choice(LICENCES)
    tags = ["transformers", "safetensors", model["pipeline_tag"], "license:" + licence, "region:us"]
    card_data = {"license": licence, "language": ["en"]}
    lineage = rng.random()
    base = "%s/%s-%s" % (rng.choice(ORGS), family, size_name(total))
    quantised = False
    if lineage < 0.3:
        tags.append("base_model:finetune:" + base)
        card_data["base_model"] = base
    elif lineage < 0.4:
        tags.append("base_model:quantized:" + base)
        quantised = True
    if rng.random() < 0.3:
        card_data["datasets"] = ["%s/corpus-%d" % (rng.choice(ORGS), rng.randint(1, 99))]
    model["tags"] = tags
    model["cardData"] = card_data
    if moe:
        model["config"] = {"model_type": "mixtral", "num_local_experts": rng.choice([8, 64, 128]),
                           "num_experts_per_tok": rng.choice([2, 8])}
    else:
        model["config"] = {"model_type": "llama", "architectures": ["LlamaForCausalLM"]}
    r = rng.random()
    if quantised:
        model["safetensors"] = {"parameters": {"F16": int(total * 0.02), "I32": int(total / 8)},
                                "total": int(total * 0.02) + int(total / 8)}
    elif r < 0.85:
        p = {"BF16": int(total * rng.uniform(0.97, 1.03))}
        if rng.random() < 0.1:
            p["F32"] = rng.randint(10_000, 5_000_000)
        model["safetensors"] = {"parameters": p, "total": sum(p.values())}
    return model


def malformed(i, rng):
    kind = rng.randrange(8)
    good = json.dumps(v1_card(i, rng, False))
    if kind == 0:
        return good[: rng.randint(5, len(good) - 2)]                  # truncated line
    if kind == 1:
        return good.replace('"kind": "pretraining"', '"kind": 42', 1)  # wrong type
    if kind == 2:
        return json.dumps({"model": "x-%d" % i, "score": 3})            # unknown format
    if kind == 3:
        return "[1, 2, 3]"                                             # not an object
    if kind == 4:
        return '{"id": "bad/\xff\xfe-%d", "tags": [' % i              # invalid UTF-8 (written as latin-1 below)
    if kind == 5:
        return good.replace('"name":', '"name": "dup", "name":', 1)   # duplicate key
    if kind == 6:
        c = v1_card(i, rng, False)
        c["architecture"] = {"kind": "moe", "parameters": "671B"}     # MoE without active parameters
        c["training"]["phases"][0]["tokens"] = "14.8T"
        return json.dumps(c)
    c = v1_card(i, rng, False)
    c["training"]["phases"].append({"kind": "pretraining", "tokens": "1T",
                                    "hardware": {"accelerator": "Quantum Abacus 9000", "count": 8, "hours": 10}})
    return json.dumps(c)


README = """---
license: {licence}
pipeline_tag: {pipeline}
{extra}---

# {name}

{prose}
"""


def write_readmes(root, count, rng):
    for i in range(count):
        total = rng.choice(DENSE_SIZES)
        org = rng.choice(ORGS)
        name = "%s-%s-%d" % (rng.choice(FAMILIES), size_name(total), i)
        extra = ""
        if rng.random() < 0.3:
            extra += "base_model: %s/%s\n" % (org, rng.choice(FAMILIES))
        if rng.random() < 0.3:
            extra += "co2_eq_emissions:\n  emissions: %d\n  training_type: pre-training\n" % rng.randint(1, 10**7)
        prose = "A model card without sizes." if rng.random() < 0.5 else \
            "We pretrained it on %g trillion tokens of public data." % round(rng.uniform(0.5, 15), 1)
        d = os.path.join(root, org, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "README.md"), "w", encoding="utf-8") as f:
            f.write(README.format(licence=rng.choice(LICENCES), pipeline=rng.choice(PIPELINES),
                                  extra=extra, name=name, prose=prose))
        if i % 10 == 0:
            with open(os.path.join(d, "config.yaml"), "w") as f:  # not a card file: skipped
                f.write("hidden_size: 4096\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--malformed", type=float, default=0.01, help="share of malformed records")
    ap.add_argument("--ranged", type=float, default=0.002, help="share of cards with 90 %% intervals")
    ap.add_argument("--hub", type=float, default=0.45, help="share of Hub API records")
    ap.add_argument("--readme-dir", help="write README.md files into this directory instead")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.readme_dir:
        write_readmes(args.readme_dir, args.count, rng)
        return
    out = sys.stdout.buffer
    lines = []
    for i in range(args.count):
        r = rng.random()
        if r < args.malformed:
            text = malformed(i, rng)
        elif r < args.malformed + args.hub:
            text = json.dumps(hub_model(i, rng))
        else:
            text = json.dumps(v1_card(i, rng, rng.random() < args.ranged / (1 - args.hub)))
        lines.append(text.encode("latin-1") if "\xff" in text else text.encode("utf-8"))
        if len(lines) >= 10000:
            out.write(b"\n".join(lines) + b"\n")
            lines.clear()
    if lines:
        out.write(b"\n".join(lines) + b"\n")


if __name__ == "__main__":
    main()
