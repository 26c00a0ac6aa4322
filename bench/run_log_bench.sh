#!/usr/bin/env bash
# Log-ingestion benchmark on a multi-GB dcgm-exporter CSV: gpai-eval audit vs
# the naive C++ reader (getline + stod, in gpai_bench) vs pandas, same file,
# same aggregation, in one run. Prints MB/s and peak memory.
#   BUILD_DIR=build SIZE=2G bench/run_log_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SIZE=${SIZE:-2G}
FILE=${FILE:-/tmp/gpai_bench_dcgm_${SIZE}.csv}
EXE="$BUILD_DIR/bin/gpai-eval"
BENCH="$BUILD_DIR/bench/gpai_bench"
for f in "$EXE" "$BENCH"; do
  [ -x "$f" ] || { echo "missing $f: build first (cmake --build $BUILD_DIR)" >&2; exit 2; }
done

if [ ! -f "$FILE" ]; then
  echo "== generating $SIZE of dcgm-exporter CSV (1024 GPUs, 10 s samples) into $FILE"
  "$EXE" synth-logs --format dcgm-csv --hosts 128 --gpus-per-host 8 --size "$SIZE" --out "$FILE"
fi
BYTES=$(stat -c %s "$FILE")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1e6 }')
cat "$FILE" > /dev/null  # every reader starts from a warm page cache
echo "== $FILE: $MB MB"

# ours: the whole audit command (ingestion dominates), wall and CPU time, peak RSS
/usr/bin/time -f "%e %U %S %M" -o /tmp/gpai_bench_time.txt \
  "$EXE" audit --logs "$FILE" --format json --samples 10000 --as-of 2026-01-01 > /tmp/gpai_bench_audit.json
read -r wall user sys rss < /tmp/gpai_bench_time.txt
hours=$(/usr/bin/python3 -c "import json; print(json.load(open('/tmp/gpai_bench_audit.json'))['logs']['accelerator_hours'])")
awk -v mb="$MB" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v h="$hours" 'BEGIN {
  printf "ours   (gpai-eval audit):       %7.1f MB/s wall, %7.1f MB/s per CPU-second, peak RSS %d MB, %s\n",
         mb / w, mb / (u + s), r / 1024, h }'

# naive C++: one iteration over the same file
GPAI_BENCH_LOG="$FILE" "$BENCH" --benchmark_filter='BM_DcgmIngest_Naive' --benchmark_min_time=0.001 \
  --benchmark_format=json > /tmp/gpai_bench_naive.json 2>/dev/null
/usr/bin/python3 - <<'PY'
import json
b = json.load(open("/tmp/gpai_bench_naive.json"))["benchmarks"][0]
print("naive  (getline + stod, C++):   %7.1f MB/s (real time)" % (b["bytes_per_second"] / 1e6))
PY

# pandas
/usr/bin/time -f "%M" -o /tmp/gpai_bench_pandas_rss.txt \
  /usr/bin/python3 bench/pandas_dcgm_baseline.py "$FILE" > /tmp/gpai_bench_pandas.json
/usr/bin/python3 - <<'PY'
import json
p = json.load(open("/tmp/gpai_bench_pandas.json"))
rss = int(open("/tmp/gpai_bench_pandas_rss.txt").read().split()[-1]) // 1024
print("pandas (read_csv chunks):       %7.1f MB/s, peak RSS %d MB, %s" % (p["mb_per_s"], rss, p["accelerator_hours"]))
PY
