#!/usr/bin/env bash
# The issue's ratio in time: CPU seconds of `zwfw-audit check` with every rule against the floor
# (no rule: reading, parsing and writing the report), and of other binaries against each other.
#
#   cargo build --release
#   benches/time_ratio.sh [BIN...]        # default: target/release/zwfw-audit
#
# Instructions (benches/instructions_per_item.sh) are steady but understate the rules' cost: the
# floor runs at about twice the rules' instructions per cycle (BENCHMARKS.md, session 9). Times on
# this host swing by ± 8 % on the mean of five runs, so this script alternates the runs (each binary
# with rules, then the first binary's floor, in turn, $RUNS rounds, default 8) and prints the
# minimum and the median of user + system CPU seconds for each, and each median over the floor's.
#
# Input: `gen --count $N --seed 1` (default 100,000 items, local edit rate $EDIT_RATE, default 0.1,
# defect rate $DEFECT_RATE, default 0.3, `--order $ORDER`, default catalogue; `ORDER=region` for a
# province's export by 区划, where a master's claims are far apart and the verdict cache shares
# less; `DEFECT_RATE=0 EDIT_RATE=0` for claims that repeat their master exactly, where the check
# costs what finding shared verdicts costs), kept in $WORK. THREADS rayon threads (default 1: less
# noise than 2). Keep $WORK in memory (/dev/shm) where the kernel drops cached file pages of idle
# files (BENCHMARKS.md, session 11): a run that reads part of its input from disk is slower.
set -euo pipefail
WORK=${WORK:-/tmp/zwfw-time}
N=${N:-100000}
RUNS=${RUNS:-8}
THREADS=${THREADS:-1}
EDIT_RATE=${EDIT_RATE:-0.1}
DEFECT_RATE=${DEFECT_RATE:-0.3}
ORDER=${ORDER:-catalogue}
bins=("$@")
[ ${#bins[@]} -eq 0 ] && bins=(target/release/zwfw-audit)
mkdir -p "$WORK"
in="$WORK/items-$N-$EDIT_RATE.ndjson"
[ "$DEFECT_RATE" = 0.3 ] || in="${in%.ndjson}-defects-$DEFECT_RATE.ndjson"
[ "$ORDER" = catalogue ] || in="${in%.ndjson}-$ORDER.ndjson"
[ -s "$in" ] || "${bins[0]}" gen --count "$N" --seed 1 --local-edit-rate "$EDIT_RATE" \
  --defect-rate "$DEFECT_RATE" \
  --order "$ORDER" -o "$in"
# Every rule id from `zwfw-audit rules`, turned off.
{ echo '[rules]'; "${bins[0]}" rules | awk 'NR > 1 { printf "%s = \"off\"\n", $1 }'; } > "$WORK/no-rules.toml"

# User + system CPU seconds of one check run.
cpu() {
  rm -rf "$WORK/out"
  RAYON_NUM_THREADS=$THREADS /usr/bin/time -f '%U %S' -o "$WORK/time" \
    "$1" check "$in" "${@:2}" -o "$WORK/out" --run-id bench --fail-on none --format json -q \
    >/dev/null 2>&1 || true
  awk '{ print $1 + $2 }' "$WORK/time"
}

: > "$WORK/times"
for _ in $(seq "$RUNS"); do
  for b in "${bins[@]}"; do echo "$b $(cpu "$b")" >> "$WORK/times"; done
  echo "floor $(cpu "${bins[0]}" --config "$WORK/no-rules.toml")" >> "$WORK/times"
done
echo "CPU seconds, $N items in $ORDER order (defect rate $DEFECT_RATE, local edit rate $EDIT_RATE), $THREADS thread(s), $RUNS alternated runs each:"
sort -k1,1 -k2n "$WORK/times" | awk '
  { t[$1, ++n[$1]] = $2 }
  END {
    m = n["floor"]; floor = t["floor", int((m + 1) / 2)]
    for (k in n) {
      med = t[k, int((n[k] + 1) / 2)]
      printf "%-40s min %6.2f  median %6.2f  median / floor %5.2f\n", k, t[k, 1], med, med / floor
    }
  }'
