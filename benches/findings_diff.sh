#!/usr/bin/env bash
# What a rule change does to the findings: runs two binaries on the same input and lists, rule by
# rule, the findings only one of them gives, with a few examples of each.
#
#   cargo build --release
#   benches/findings_diff.sh OLD_BIN NEW_BIN INPUT...        # files or folders `check` reads
#
# A finding is told by its item (实施编码 and 事项名称), rule, target, evidence and severity, so a
# reworded message is no difference. Default input: `gen --count 20000 --seed 29` in $WORK. Use it
# with a tester's one-field probes beside the generated items: generated items rarely hold the
# wordings a precision fix is about, and a fix should change nothing on them.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,12p' "$0"; exit 2; }
old=$1 new=$2
shift 2
WORK=${WORK:-/tmp/zwfw-findings-diff}
mkdir -p "$WORK"
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  [ -s "$WORK/gen.ndjson" ] || "$old" gen --count 20000 --seed 29 -o "$WORK/gen.ndjson"
  inputs=("$WORK/gen.ndjson")
fi
for tag in old new; do
  bin=$([ $tag = old ] && echo "$old" || echo "$new")
  rm -rf "${WORK:?}/$tag"
  # Exit 1 means findings: expected.
  "$bin" check "${inputs[@]}" --format json -o "$WORK/$tag" -q >/dev/null 2>&1 || true
done
WORK="$WORK" python3 - <<'PY'
import collections, json, os, random
work = os.environ["WORK"]
def load(tag):
    report = json.load(open(os.path.join(work, tag, "report.json")))
    found = {}
    for f in report["findings"]:
        key = (f.get("item_code"), f.get("item_name") or "", f["rule"], f.get("target") or "",
               f.get("evidence") or "", f.get("severity"))
        found[key] = f.get("message", "")
    return found
old, new = load("old"), load("new")
added = [k for k in new if k not in old]
removed = [k for k in old if k not in new]
print(f"findings: old {len(old)}, new {len(new)}; only new {len(added)}, only old {len(removed)}")
by_rule = collections.defaultdict(lambda: [[], []])
for k in added:
    by_rule[k[2]][0].append(k)
for k in removed:
    by_rule[k[2]][1].append(k)
random.seed(1)
for rule in sorted(by_rule):
    plus, minus = by_rule[rule]
    print(f"{rule}  +{len(plus)} -{len(minus)}")
    for k in random.sample(plus, min(5, len(plus))):
        print(f"  + {k[1][:30]} | {new[k][:110]}")
    for k in random.sample(minus, min(5, len(minus))):
        print(f"  - {k[1][:30]} | {old[k][:110]}")
PY
