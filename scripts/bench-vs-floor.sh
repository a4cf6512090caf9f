#!/usr/bin/env bash
# Whole-process timings of `ybc` against the I/O floor, with hyperfine.
#
#   scripts/bench-vs-floor.sh [--files N] [--scale] [--linear] [--runs N] [--work DIR]
#
# On one generated corpus of N routines (default 10,000; `gen-corpus`, seed 1)
# it times, in one hyperfine run each:
#   - `ybc check DIR` against `cat` and `wc -l` over the same files (found with
#     `find`, as ybc walks the folder itself), and prints the ratios;
#   - with --scale, the same check on ten times the files (linear growth means
#     a ratio near 10) and the peak memory of that run;
#   - one small routine checked as a whole process, the 10 MB single-file
#     routine, and the 45-minute sample routine built to HTML.
# It prints a Markdown table; docs/performance.md keeps the figures.
#
# Needs hyperfine (Debian: `apt-get install hyperfine`) and a release build,
# which it makes. Corpora are written under --work (default
# ${TMPDIR:-/tmp}/ybc-bench) once and reused. No network.
set -euo pipefail

files=10000
scale=false
linear=false
runs=10
work="${TMPDIR:-/tmp}/ybc-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --scale) scale=true; shift ;;
    --linear) linear=true; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-vs-floor: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v hyperfine >/dev/null || { echo "bench-vs-floor: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

cargo build --release --quiet --bin ybc --example gen-corpus
ybc="$root/target/release/ybc"
gen="$root/target/release/examples/gen-corpus"

corpus() { # corpus N -> prints its folder, generating it on first use
  local dir="$work/corpus-$1"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    "$gen" "$dir" --files "$1" >/dev/null
    touch "$dir/.complete"
  fi
  echo "$dir"
}

mkdir -p "$work"
small=$(corpus "$files")
big_file="$work/single-10mb.ybc"
[ -f "$big_file" ] || "$gen" "$work" --single-mb 10 >/dev/null

csv="$work/results.csv"
: > "$csv"
time_it() { # time_it NAME RUNS COMMAND...: one hyperfine run; appends "name,mean,min,user,system"
  local name="$1" n="$2"; shift 2
  local out="$work/hf.csv"
  hyperfine --style none --warmup 2 --runs "$n" --ignore-failure --export-csv "$out" "$@" >/dev/null
  # hyperfine's CSV: command,mean,stddev,median,user,system,min,max
  tail -n +2 "$out" | awk -F, -v name="$name" '{ printf "%s,%s,%s,%s,%s\n", name, $2, $7, $5, $6 }' >> "$csv"
}

echo "bench-vs-floor: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $files files in $small" >&2
time_it check "$runs" -n check "$ybc --color never check --quiet $small"
time_it cat "$runs" -n cat "find $small -name '*.ybc' -print0 | xargs -0 cat > /dev/null"
time_it wc "$runs" -n wc "find $small -name '*.ybc' -print0 | xargs -0 wc -l > /dev/null"
time_it small 100 -N -n small "$ybc --color never check --quiet routines/desk-reset.ybc"
time_it big 5 -N -n big "$ybc --color never check --quiet $big_file"
html_out="$work/class.html"
time_it html 100 -N -n html "$ybc --color never build --format html --output $html_out routines/guide-45-60-minute-class.ybc"
if $scale; then
  large=$(corpus $((files * 10)))
  time_it check10x 3 -n check10x "$ybc --color never check --quiet $large"
  peak_kb=$( { /usr/bin/time -f '%M' "$ybc" --color never check --quiet "$large" >/dev/null; } 2>&1 | tail -n 1 )
fi

mean() { awk -F, -v n="$1" '$1 == n { print $2 }' "$csv"; }
cpu() { awk -F, -v n="$1" '$1 == n { printf "%.4f", $4 + $5 }' "$csv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }

echo
echo "| what | wall (mean) | CPU (user + sys) | ratio |"
echo "|---|---:|---:|---:|"
echo "| \`ybc check\` on $files files | $(ms "$(mean check)") | $(ms "$(cpu check)") | $(ratio "$(mean check)" "$(mean wc)") × \`wc -l\`, $(ratio "$(mean check)" "$(mean cat)") × \`cat\` |"
echo "| \`cat\` on the same files | $(ms "$(mean cat)") | $(ms "$(cpu cat)") | |"
echo "| \`wc -l\` on the same files | $(ms "$(mean wc)") | $(ms "$(cpu wc)") | |"
if $scale; then
  echo "| \`ybc check\` on $((files * 10)) files | $(ms "$(mean check10x)") | $(ms "$(cpu check10x)") | $(ratio "$(mean check10x)" "$(mean check)") × $files files; peak RSS $((peak_kb / 1024)) MB |"
fi
echo "| \`ybc check\` one small routine (desk-reset) | $(ms "$(mean small)") | $(ms "$(cpu small)") | |"
echo "| \`ybc check\` one 10 MB routine | $(ms "$(mean big)") | $(ms "$(cpu big)") | |"
echo "| \`ybc build --format html\` 45-minute class | $(ms "$(mean html)") | $(ms "$(cpu html)") | |"

if $linear; then
  shape() { # shape NAME BYTES -> prints the path of a generated input of about BYTES bytes
    local file="$work/shape-$1-$2.ybc"
    [ -f "$file" ] || python3 - "$1" "$2" > "$file" <<'PY'
import sys
kind, size = sys.argv[1], int(sys.argv[2])
out = []
if kind == "long-line":        # one line, a stray word every 3 bytes
    out.append("strength:\n  locust" + " zz" * (size // 3) + "\n")
elif kind == "fmt-lines":      # `locust zz` lines, for fmt --check
    out.append("strength:\n" + "  locust zz\n" * (size // 12))
elif kind == "custom-poses":   # the most poses a file may define, then 8,999 unknown names one letter off, with long cues to fill
    out += [f"pose wall-angel-{i:06} \"Wall Angel {i}\" focus mobility hold 20-40s\n" for i in range(1000)]
    out.append("strength:\n")
    pad = "x" * max(0, (size - 63000) // 8999 - 32)
    out += [f"  wall-angel-{i % 1000:06}x hold 30s \"{pad}\"\n" for i in range(8999)]
elif kind == "x-lines":        # `x` lines: an unknown pose every 2 bytes
    out.append("x\n" * (size // 2))
elif kind == "dense-lines":    # 400-byte lines of stray words: under both limits even at 4 MB
    line = "  locust" + " zz" * 130 + "\n"
    out.append("strength:\n" + line * (size // len(line)))
elif kind == "long-cues":      # steps with a 400-character cue each: a valid routine under the limits
    line = "  cat-cow 8 reps \"" + "breathe in and lengthen " * 16 + "\"\n"
    out.append("warmup:\n" + line * (size // len(line)))
elif kind == "section-lines":  # `a:` lines: an unknown, empty section every 3 bytes
    out.append("a:\n" * (size // 3))
elif kind == "header-lines":   # `tags a` lines: a repeated header every 7 bytes
    out.append("tags a\n" * (size // 7))
elif kind == "far-labels":     # strength-order warnings whose labels are far apart
    block = ["  single-leg-locust 8 reps alternating\n"] + ["  cat-cow 8 reps\n"] * 2000 + ["  locust hold 20s\n"]
    out.append("warmup:\n  cat-cow 8 reps\nstrength:\n")
    while sum(map(len, out)) < size:
        out += block
    out.append("cooldown:\n  childs-pose 1m\n")
sys.stdout.write("".join(out))
PY
    echo "$file"
  }
  echo
  echo "| shape | command | 1 MB | 4 MB | 4 MB / 1 MB | peak RSS at 4 MB | RSS per input byte |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for spec in "long-line:check --format concise" "fmt-lines:fmt --check" "custom-poses:check --format concise" \
    "x-lines:check --format concise" "far-labels:check" "dense-lines:check --format concise" \
    "dense-lines:fmt --check" "long-cues:check --format concise" "section-lines:check --format concise" \
    "header-lines:check --format concise"; do
    name="${spec%%:*}" args="${spec#*:}"
    small=$(shape "$name" 1000000) large=$(shape "$name" 4000000)
    name="$name-${args%% *}"
    # shellcheck disable=SC2086 # $args is several words on purpose
    time_it "$name-1" 3 -N -n "$name-1" "$ybc --color never $args $small"
    # shellcheck disable=SC2086
    time_it "$name-4" 3 -N -n "$name-4" "$ybc --color never $args $large"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%M' -o "$work/peak" "$ybc" --color never $args "$large" >/dev/null 2>&1 || true
    peak_kb=$(tail -n 1 "$work/peak")
    bytes=$(stat -c %s "$large")
    echo "| $name | \`ybc $args\` | $(ms "$(mean "$name-1")") | $(ms "$(mean "$name-4")") | $(ratio "$(mean "$name-4")" "$(mean "$name-1")") | $((peak_kb / 1024)) MB | $(awk -v k="$peak_kb" -v b="$bytes" 'BEGIN { printf "%.0f", k * 1024 / b }') |"
  done
fi
