#!/usr/bin/env bash
# Batch throughput on a generated card set, in one run:
#   1. parse-only floors: nlohmann parse of every line (gpai_bench BM_BatchFileParseOnly),
#      simdjson parse of every line (BM_BatchFileParseSimdjson), and our strict parse
#      (simdjson into the nlohmann DOM, duplicate keys refused) for reference;
#   2. gpai-eval batch, --jobs 1 and --jobs $JOBS, rows to /dev/null, errors to a file;
#   3. the plain-Python baseline doing the same scoring (bench/batch_baseline.py);
#   4. memory: peak RSS of gpai-eval batch on a tenth of the file and on all of it;
#   5. agreement: both tools' rows on the tenth, compared field by field
#      (bench/compare_batch_rows.py), so the comparison is of the same work.
#
# Usage: bench/run_batch_bench.sh [COUNT]      (default 1000000 cards)
# Env:   BUILD_DIR (default ./build, must contain bin/gpai-eval and bench/gpai_bench),
#        OUT_DIR (default $BUILD_DIR/batch-bench: the generated file is cached there),
#        JOBS (default nproc), SAMPLES (Monte Carlo samples for both tools, default 10000),
#        ROUNDS (default 1): run gpai-eval --jobs $JOBS and the Python baseline alternately this
#        many times and compare medians, so that a drift in the machine's speed (this CI VM
#        varies by a third within minutes) hits both tools alike.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
COUNT=${1:-1000000}
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
OUT_DIR=${OUT_DIR:-$BUILD_DIR/batch-bench}
JOBS=${JOBS:-$(nproc)}
SAMPLES=${SAMPLES:-10000}
ROUNDS=${ROUNDS:-1}
EXE=$BUILD_DIR/bin/gpai-eval
BENCH=$BUILD_DIR/bench/gpai_bench
AS_OF=2026-01-01
export GPAI_DATA_DIR=$ROOT/data
for f in "$EXE" "$BENCH"; do
  [ -x "$f" ] || { echo "missing $f: build first (cmake --build $BUILD_DIR)"; exit 2; }
done
mkdir -p "$OUT_DIR"
CARDS=$OUT_DIR/cards-$COUNT.jsonl
TENTH=$OUT_DIR/cards-$((COUNT / 10)).jsonl
if [ ! -s "$CARDS" ]; then
  echo "== generating $COUNT cards -> $CARDS"
  /usr/bin/python3 bench/gen_cards.py --count "$COUNT" --seed 1 > "$CARDS"
fi
[ -s "$TENTH" ] || head -n $((COUNT / 10)) "$CARDS" > "$TENTH"
echo "== input: $(wc -l < "$CARDS") lines, $(du -hL "$CARDS" | cut -f1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# "<seconds> <max RSS KB>" of a command; its stderr goes to $OUT_DIR/last.err
timed() { /usr/bin/time -f "%e %M" -o "$OUT_DIR/time.txt" "$@" 2> "$OUT_DIR/last.err" > /dev/null; cat "$OUT_DIR/time.txt"; }

echo "== 1. parse-only floor (gpai_bench, same file)"
GPAI_BATCH_BENCH_FILE=$CARDS "$BENCH" --benchmark_filter='BM_BatchFileParse' \
  --benchmark_format=json --benchmark_out="$OUT_DIR/parse.json" > /dev/null
read -r PARSE_S SIMD_S STRICT_S < <(/usr/bin/python3 - "$OUT_DIR/parse.json" <<'EOF'
import json, sys
b = {x["name"].split("/")[0]: x["real_time"] for x in json.load(open(sys.argv[1]))["benchmarks"]}
print(b["BM_BatchFileParseOnly"], b["BM_BatchFileParseSimdjson"], b["BM_BatchFileParseStrict"])
EOF
)

echo "== 2. gpai-eval batch"
read -r OURS1_S OURS1_KB < <(timed "$EXE" batch "$CARDS" --as-of $AS_OF --samples "$SAMPLES" --jobs 1 \
  -o /dev/null --errors "$OUT_DIR/errors.jsonl")
tail -n 12 "$OUT_DIR/last.err"
read -r TENTH_S TENTH_KB < <(timed "$EXE" batch "$TENTH" --as-of $AS_OF --samples "$SAMPLES" --jobs "$JOBS" \
  -o /dev/null --errors "$OUT_DIR/errors-tenth.jsonl")

echo "== 3. gpai-eval --jobs $JOBS and the Python baseline (same scoring), alternately, $ROUNDS round(s)"
OURS_RUNS=() PY_RUNS=()
for ((round = 1; round <= ROUNDS; round++)); do
  read -r OURS_S OURS_KB < <(timed "$EXE" batch "$CARDS" --as-of $AS_OF --samples "$SAMPLES" --jobs "$JOBS" \
    -o /dev/null --errors "$OUT_DIR/errors.jsonl")
  read -r PY_S PY_KB < <(timed /usr/bin/python3 bench/batch_baseline.py "$CARDS" --data "$ROOT/data" \
    --as-of $AS_OF --samples "$SAMPLES" --output /dev/null --errors "$OUT_DIR/py-errors.jsonl")
  echo "  round $round: gpai-eval $OURS_S s, Python $PY_S s"
  OURS_RUNS+=("$OURS_S") PY_RUNS+=("$PY_S")
done
cat "$OUT_DIR/last.err"
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
OURS_S=$(median "${OURS_RUNS[@]}")
PY_S=$(median "${PY_RUNS[@]}")

echo "== 5. agreement with the baseline on the tenth ($((COUNT / 10)) cards)"
"$EXE" batch "$TENTH" --as-of $AS_OF --samples "$SAMPLES" -o "$OUT_DIR/ours-tenth.jsonl" \
  --errors "$OUT_DIR/ours-tenth-err.jsonl" --quiet
/usr/bin/python3 bench/batch_baseline.py "$TENTH" --data "$ROOT/data" --as-of $AS_OF --samples "$SAMPLES" \
  --output "$OUT_DIR/py-tenth.jsonl" --errors "$OUT_DIR/py-tenth-err.jsonl" 2> /dev/null
/usr/bin/python3 bench/compare_batch_rows.py "$OUT_DIR/ours-tenth.jsonl" "$OUT_DIR/py-tenth.jsonl" \
  --errors "$OUT_DIR/ours-tenth-err.jsonl" "$OUT_DIR/py-tenth-err.jsonl" | grep -E '^(OK|FAIL|records)' || true

/usr/bin/python3 - "$COUNT" "$PARSE_S" "$SIMD_S" "$STRICT_S" "$OURS1_S" "$OURS_S" "$PY_S" "$JOBS" \
  "$OURS_KB" "$TENTH_KB" <<'EOF'
import sys
n, parse, simd, strict, ours1, ours, py, jobs, kb, tenth_kb = sys.argv[1:]
n = float(n); parse, simd, strict, ours1, ours, py = map(float, (parse, simd, strict, ours1, ours, py))
rate = lambda s: "%9.0f cards/s" % (n / s)
print("== results (%d cards)" % n)
print("  parse-only floor (nlohmann)   %7.2f s  %s" % (parse, rate(parse)))
print("  parse-only floor (simdjson)   %7.2f s  %s" % (simd, rate(simd)))
print("  strict parse (dup keys)       %7.2f s  %s" % (strict, rate(strict)))
print("  gpai-eval batch --jobs 1      %7.2f s  %s" % (ours1, rate(ours1)))
print("  gpai-eval batch --jobs %-6s %7.2f s  %s  (median of the rounds)" % (jobs, ours, rate(ours)))
print("  Python baseline, same scoring %7.2f s  %s  (median of the rounds)" % (py, rate(py)))
print("  speed-up vs Python: %.1fx with %s jobs, %.1fx with 1 (target 20x)" % (py / ours, jobs, py / ours1))
print("  time vs parse floor: %.2fx nlohmann, %.1fx simdjson (target <= 3x)" % (ours / parse, ours / simd))
print("  peak RSS: %s KB on all cards, %s KB on a tenth (flat = streaming)" % (kb, tenth_kb))
EOF
