#!/usr/bin/python3
"""pandas baseline for the dcgm-exporter CSV ingestion benchmark.

Does the aggregation gpai-eval's reader does: per GPU (UUID), each sample
covers the time to the next sample of that GPU, capped at 2 x the median
interval (the median taken from the first chunk), the last sample one median
interval; accelerator-seconds and tensor-active-weighted seconds per model.
Reads in chunks so memory stays bounded, carrying each GPU's last sample over.

usage: /usr/bin/python3 bench/pandas_dcgm_baseline.py FILE.csv
prints one JSON line: bytes, rows, seconds, MB/s, accelerator_hours per model.
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

CHUNK_ROWS = 2_000_000


def main(path):
    start = time.perf_counter()
    cols = ["timestamp", "UUID", "modelName", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE"]
    carry = None  # last sample of every GPU so far
    cap = None
    median = None
    seconds = {}
    tensor = {}
    rows = 0
    for chunk in pd.read_csv(path, usecols=cols, chunksize=CHUNK_ROWS):
        rows += len(chunk)
        chunk["t"] = pd.to_datetime(chunk["timestamp"], format="%Y-%m-%dT%H:%M:%SZ", errors="coerce").astype("int64") / 1e9
        chunk["tensor"] = pd.to_numeric(chunk["DCGM_FI_PROF_PIPE_TENSOR_ACTIVE"], errors="coerce")
        chunk = chunk[["UUID", "modelName", "t", "tensor"]].dropna(subset=["t"])
        if carry is not None:
            chunk = pd.concat([carry, chunk], ignore_index=True)
        # stable sort keeps file order within a GPU
        chunk = chunk.sort_values(["UUID", "t"], kind="stable")
        nxt = chunk.groupby("UUID", sort=False)["t"].shift(-1)
        dt = nxt - chunk["t"]
        if cap is None:
            median = float(np.nanmedian(dt[dt > 0]))
            cap = 2 * median
        last = nxt.isna()
        carry = chunk[last]
        body = chunk[~last & (dt > 0)]
        d = dt[~last & (dt > 0)].clip(upper=cap)
        for model, s in d.groupby(body["modelName"]).sum().items():
            seconds[model] = seconds.get(model, 0.0) + s
        for model, s in (d * body["tensor"].fillna(0)).groupby(body["modelName"]).sum().items():
            tensor[model] = tensor.get(model, 0.0) + s
    if carry is not None and median:
        for model, n in carry.groupby("modelName").size().items():
            seconds[model] = seconds.get(model, 0.0) + n * median
    elapsed = time.perf_counter() - start
    size = os.path.getsize(path)
    print(json.dumps({
        "tool": "pandas " + pd.__version__,
        "bytes": size,
        "rows": rows,
        "seconds": round(elapsed, 3),
        "mb_per_s": round(size / 1e6 / elapsed, 1),
        "accelerator_hours": {m: s / 3600 for m, s in seconds.items()},
    }))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
