#!/usr/bin/env bash
# Instructions per item of `zwfw-audit check`, the yardstick of BENCHMARKS.md (the host's speed
# swings too much for times to compare small changes).
#
#   cargo build --release
#   benches/instructions_per_item.sh [rules|nocache|parse]     # default: rules
#
# Counts items 2,001–4,000 of `gen --seed 0` (defect rate 0.3, local edit rate $EDIT_RATE, default
# 0.1: claims of catalogue masters; 1: nothing shared) under callgrind with one rayon thread: the
# 4,000-item run minus the 2,000-item run, so start-up and the first claims of each master are left
# out. `rules` runs every rule, `nocache` every rule with --no-verdict-cache, `parse` none (the floor:
# reading, parsing and writing the report). Two runs of one binary differ by up to 1–3 k per item
# (rayon's spinning and the writer's buffers depend on timing), so it makes $RUNS pairs of runs
# (default 3) and prints each difference and their median. Needs valgrind.
#
# CACHE_SIM=1 runs cachegrind with this machine's caches instead (L1i 32 KB, L1d 48 KB, and its 1 MB
# L2 as the last level) and prints, per item, instructions and the misses of each: instructions
# alone understate the rules' cost in time, which goes mostly to memory the floor never touches
# (BENCHMARKS.md, session 11). Misses are as steady as instructions from run to run.
set -euo pipefail
BIN=${BIN:-target/release/zwfw-audit}
WORK=${WORK:-/tmp/zwfw-instructions}
EDIT_RATE=${EDIT_RATE:-0.1}
RUNS=${RUNS:-3}
MODE=${1:-rules}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
mkdir -p "$WORK"
case "$MODE" in
  rules) extra=() ;;
  nocache) extra=(--no-verdict-cache) ;;
  parse)
    # Every rule id from `zwfw-audit rules`, turned off.
    { echo '[rules]'; "$BIN" rules | awk 'NR > 1 { printf "%s = \"off\"\n", $1 }'; } > "$WORK/no-rules.toml"
    extra=(--config "$WORK/no-rules.toml") ;;
  *) echo "MODE must be rules, nocache or parse" >&2; exit 2 ;;
esac

# Total instructions of one run on the first $1 items (with CACHE_SIM=1: instructions, L1i misses,
# L1d misses and L2 misses, space-separated).
count() {
  local in="$WORK/items-$1-$EDIT_RATE.ndjson" profile="$WORK/callgrind.out"
  [ -s "$in" ] || "$BIN" gen --count "$1" --seed 0 --defect-rate 0.3 --local-edit-rate "$EDIT_RATE" -o "$in"
  rm -rf "$WORK/out"
  if [ "${CACHE_SIM:-0}" = 1 ]; then
    RAYON_NUM_THREADS=1 valgrind --tool=cachegrind --cache-sim=yes --I1=32768,8,64 \
      --D1=49152,12,64 --LL=1048576,16,64 --cachegrind-out-file="$profile" \
      "$BIN" check "$in" "${extra[@]}" -o "$WORK/out" --run-id bench --fail-on none --format json -q \
      >/dev/null 2>&1
    # summary: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
    awk '/^summary:/ { print $2, $3, $6 + $9, $4 + $7 + $10 }' "$profile"
    return
  fi
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$profile" \
    "$BIN" check "$in" "${extra[@]}" -o "$WORK/out" --run-id bench --fail-on none --format json -q \
    >/dev/null 2>&1
  awk '/^summary:/ { print $2 }' "$profile"
}

if [ "${CACHE_SIM:-0}" = 1 ]; then
  for _ in $(seq "$RUNS"); do
    read -r -a big <<< "$(count 4000)"
    read -r -a small <<< "$(count 2000)"
    awk -v m="$MODE" -v e="$EDIT_RATE" -v b="${big[*]}" -v s="${small[*]}" 'BEGIN {
      split(b, x, " "); split(s, y, " ")
      printf "%s, local edit rate %s, per item: %d instructions, %d L1i misses, %d L1d misses, %d L2 misses\n",
        m, e, (x[1] - y[1]) / 2000, (x[2] - y[2]) / 2000, (x[3] - y[3]) / 2000, (x[4] - y[4]) / 2000 }'
  done
  exit 0
fi

per_item=()
for _ in $(seq "$RUNS"); do
  d=$(( ($(count 4000) - $(count 2000)) / 2000 ))
  per_item+=("$d")
  echo "$MODE, local edit rate $EDIT_RATE: $d instructions per item"
done
printf '%s\n' "${per_item[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  printf "median of %d: %d instructions per item\n", NR, v[int((NR + 1) / 2)] }'
