#!/usr/bin/env bash
# Whole-process benchmark of `zwfw-audit check` on generated NDJSON (see BENCHMARKS.md).
#
#   cargo build --release
#   benches/whole_process.sh [SIZES...]        # default: 10000 100000 1000000
#
# For each size N: generate N items (seed 1, defect rate 0.3, local edit rate $EDIT_RATE, default 0.1:
# claims of catalogue masters, see `zwfw-audit gen --help`) into $WORK (default /tmp/zwfw-bench),
# then run the streaming check with 2 rayon threads under /usr/bin/time -v, and print
# N, input MB, wall seconds, items/s, MB/s, CPU seconds (user + system), peak RSS (MB), report MB.
# Inputs are kept for reruns. CPU seconds are the figure to compare when the machine is shared.
# ORDER=region generates the items region by region (`gen --order region`, a province's export by
# 区划) instead of catalogue order: the verdict cache shares far less there (BENCHMARKS.md).
#
# MODE picks what runs (default: rules):
#   rules    every rule (the normal check)
#   parse    no rule at all (a config turning all 34 off): reading, parsing into the model and
#            writing the report — the end-to-end floor that `rules` is compared with
#   sample   every rule, plus `--sample gb2828 --seed 1` (the per-unit reservoir)
#   array    every rule on the same items as one JSON array (`gen --format json`: a platform's
#            JSON export, a record a line), which streams as NDJSON does
#   wrapped  every rule on the same JSON array inside an interface's answer saved as it came
#            (`{"code":"0","msg":"成功","data":{"total":N,"rows":[…]}}`), whose array streams too
#   xlsx     every rule on the same items written as a platform-style workbook
#            (`gen --format xlsx`; read whole by calamine, so the in-memory path; up to ~10^5 items,
#            the sub-table sheets hit Excel's 1,048,576-row limit beyond that)
#   all      every rule and every report format (json,xlsx,html,csv): the in-memory path, which
#            holds the report (not the items) to write the fix lists and the page
#   render   `zwfw-audit report` of the report.json a `rules` run left in $WORK/out-N (run that
#            first), writing xlsx,csv,html: the fix lists of a province, rendered afterwards
set -euo pipefail
BIN=${BIN:-target/release/zwfw-audit}
WORK=${WORK:-/tmp/zwfw-bench}
THREADS=${THREADS:-2}
EXTRA=${EXTRA:-}          # e.g. EXTRA=--no-stream (the in-memory path), EXTRA=--no-verdict-cache
EDIT_RATE=${EDIT_RATE:-0.1} # 1: every claim rewrites every master element (no text shared: the worst case)
MODE=${MODE:-rules}
FORMAT=json
ORDER=${ORDER:-catalogue}
mkdir -p "$WORK"
case "$MODE" in
  rules) ;;
  parse)
    # Every rule id from `zwfw-audit rules`, turned off.
    { echo '[rules]'; "$BIN" rules | awk 'NR > 1 { printf "%s = \"off\"\n", $1 }'; } > "$WORK/no-rules.toml"
    EXTRA="$EXTRA --config $WORK/no-rules.toml" ;;
  sample) EXTRA="$EXTRA --sample gb2828 --seed 1" ;;
  xlsx | array | wrapped) ;;
  all) FORMAT=json,xlsx,html,csv ;;
  render) ;;
  *) echo "MODE must be rules, parse, sample, array, wrapped, xlsx, all or render" >&2; exit 2 ;;
esac
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
echo "mode: $MODE, $ORDER order"
printf '%-9s %9s %8s %9s %7s %7s %9s %9s\n' N input_MB wall_s items/s MB/s cpu_s peak_MB report_MB
for n in "${sizes[@]}"; do
  ext=ndjson
  [ "$MODE" = xlsx ] && ext=xlsx
  [ "$MODE" = array ] || [ "$MODE" = wrapped ] && ext=json
  in="$WORK/items-$n.$ext"
  [ "$ORDER" = catalogue ] || in="$WORK/items-$n-$ORDER.$ext"
  [ -s "$in" ] || "$BIN" gen --count "$n" --seed 1 --defect-rate 0.3 --local-edit-rate "$EDIT_RATE" \
    --order "$ORDER" --format "$ext" -o "$in"
  if [ "$MODE" = wrapped ]; then
    array=$in
    in="${array%.json}-wrapped.json"
    [ -s "$in" ] || { printf '{"code":"0","msg":"成功","data":{"total":%d,"rows":' "$n"; cat "$array"; printf '}}\n'; } > "$in"
  fi
  out="$WORK/out-$n"
  if [ "$MODE" = render ]; then
    [ -s "$out/report.json" ] || { echo "no $out/report.json: run MODE=rules first" >&2; exit 2; }
    rm -rf "$WORK/render-$n"
    RAYON_NUM_THREADS=$THREADS /usr/bin/time -v "$BIN" report "$out/report.json" \
      -o "$WORK/render-$n" --format xlsx,csv,html -q 2> "$WORK/time-$n.txt"
  else
    rm -rf "$out"
    RAYON_NUM_THREADS=$THREADS /usr/bin/time -v "$BIN" check "$in" -o "$out" --run-id bench \
      --fail-on none --format "$FORMAT" -q $EXTRA 2> "$WORK/time-$n.txt"
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time-$n.txt" \
    | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$n.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$WORK/time-$n.txt")
  bytes=$(stat -c %s "$in")
  report=$(stat -c %s "$out/report.json")
  awk -v n="$n" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss_kb" -v rep="$report" 'BEGIN {
    printf "%-9d %9.1f %8.2f %9.0f %7.1f %7.1f %9.1f %9.1f\n", n, b/1e6, w, n/w, b/1e6/w, c, r/1024, rep/1e6 }'
done
