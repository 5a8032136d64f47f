#!/usr/bin/env bash
# How often the scores' 95% interval holds the unit's true rate: draws 200 samples (seeds 1–200,
# gb2828) of generated items, scores each, and counts the units whose census rate (every item
# checked) lies inside the interval printed for their sample, with the intervals' mean width.
#
#   cargo build --release
#   benches/interval_coverage.sh [element|item]      # default element
#
# Input: `gen --count $N --seed 11` (default 3,000 items) checked once into $WORK (default
# /tmp/zwfw-coverage). Session 15: element rate 83.4 % (counties) / 87.1 % (departments) when an
# item's checks were taken as independent, 95.3 % / 96.6 % with the design effect (BENCHMARKS.md).
set -euo pipefail
BIN=${BIN:-target/release/zwfw-audit}
WORK=${WORK:-/tmp/zwfw-coverage}
N=${N:-3000}
RATE=${1:-element}
mkdir -p "$WORK/draws"
[ -s "$WORK/run/report.json" ] || {
  "$BIN" gen --count "$N" --seed 11 -o "$WORK/items.ndjson"
  "$BIN" check "$WORK/items.ndjson" -o "$WORK/run" --format json -q --fail-on none
}
report="$WORK/run/report.json"
for s in $(seq 1 200); do
  [ -s "$WORK/draws/s$s.csv" ] || "$BIN" sample "$report" --seed "$s" -o "$WORK/draws/s$s" -q >/dev/null
  "$BIN" score "$report" --sample "$WORK/draws/s$s.csv" --rate "$RATE" -o "$WORK/draws/$RATE-$s.json" -q >/dev/null
done
"$BIN" score "$report" --rate "$RATE" -o "$WORK/census-$RATE.json" -q >/dev/null
python3 - "$WORK" "$RATE" <<'PY'
import collections, json, sys
work, rate = sys.argv[1], sys.argv[2]
truth = {s['unit']: s['rate'] for s in json.load(open(f'{work}/census-{rate}.json'))['scores']}
hit, total, width = collections.Counter(), collections.Counter(), collections.Counter()
for k in range(1, 201):
    for s in json.load(open(f'{work}/draws/{rate}-{k}.json'))['scores']:
        kind = s['kind']
        total[kind] += 1
        width[kind] += s['rate_high'] - s['rate_low']
        hit[kind] += s['rate_low'] - 1e-12 <= truth[s['unit']] <= s['rate_high'] + 1e-12
for kind in sorted(total):
    print(f'{rate} rate, {kind}: inside {hit[kind]}/{total[kind]} = {hit[kind] / total[kind]:.1%}, '
          f'mean width {width[kind] / total[kind]:.3f}')
PY
