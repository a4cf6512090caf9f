#!/usr/bin/env bash
# Do two ybc binaries behave the same? For a restructuring that must change no behaviour.
#
#   scripts/same-output.sh OLD_YBC NEW_YBC [--files N] [--work DIR]
#
# Runs both binaries over one corpus and compares, byte for byte, the standard
# output, standard error and exit code of every command, and the files `fmt` rewrites:
#   - the corpus: the sample routines, every test fixture that is a routine,
#     catalog or config (tests/fixtures, tests/ci/fixtures, tests/fmt/messy), and
#     N generated routines (default 2,000; `gen-corpus`, seed 1), in a folder that
#     is a repository root (it holds `.git`), so paths in reports are relative;
#   - `check` in all six formats over the whole corpus, and with an audience;
#   - for every fixed routine and the first 200 generated ones: `plan`, `build`
#     as JSON, as a handout and as cards, `build --adapt`, `fmt --check`;
#   - `fmt` rewriting a copy of the whole corpus (the trees are compared after);
#   - `rules` (text, JSON, Markdown), `poses` (text, JSON), `explain` for every
#     rule and every pose, `completions bash`, `man`.
# Prints each command whose results differ with a diff of the first lines, and
# exits 1 if any did; 0 and a count when all agree. Needs only bash, diff and cargo.
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -ge 2 ] || { usage >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
files=2000
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "same-output: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
  esac
done
for bin in "$old" "$new"; do
  [ -x "$bin" ] || { echo "same-output: $bin is not an executable" >&2; exit 2; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$work" ] || work=$(mktemp -d)
mkdir -p "$work"
work=$(realpath "$work")
corpus="$work/corpus"
rm -rf "$corpus" "$work/out-old" "$work/out-new" "$work/fmt-old" "$work/fmt-new"
mkdir -p "$corpus/.git" "$corpus/fixed"

# The fixed corpus: sample routines and test fixtures (the SARIF schema is not one).
cp -r "$root/routines" "$corpus/fixed/routines"
mkdir -p "$corpus/fixed/rules" "$corpus/fixed/ci" "$corpus/fixed/messy"
cp -r "$root/tests/fixtures/." "$corpus/fixed/rules/"
cp -r "$root/tests/ci/fixtures/." "$corpus/fixed/ci/"
rm -rf "$corpus/fixed/ci/sarif"
cp -r "$root/tests/fmt/messy/." "$corpus/fixed/messy/"
# The generated corpus.
(cd "$root" && cargo build --release --quiet --example gen-corpus)
"$root/target/release/examples/gen-corpus" "$corpus/generated" --files "$files" >/dev/null

mapfile -t fixed < <(cd "$corpus" && find fixed -name '*.ybc' -type f | LC_ALL=C sort)
mapfile -t generated < <(cd "$corpus" && find generated -name '*.ybc' -type f | LC_ALL=C sort | head -n 200)

# One command per line: a name, a tab, the arguments (a tab between each).
commands="$work/commands"
: > "$commands"
add() { local name="$1"; shift; (IFS=$'\t'; printf '%s\t%s\n' "$name" "$*") >> "$commands"; }
for format in human concise json github sarif junit; do
  add "check-$format" check --color never --format "$format" .
done
add check-audience check --color never --format concise --audience osteoporosis,neck-pain .
for file in "${fixed[@]}" "${generated[@]}"; do
  key=${file//\//_}
  add "plan-$key" --color never plan "$file"
  add "json-$key" --color never build "$file" --format json
  add "html-$key" --color never build "$file" --format html
  add "cards-$key" --color never build "$file" --format html --layout cards
  add "adapt-$key" --color never build "$file" --adapt --audience osteoporosis --format ybc
  add "fmtcheck-$key" --color never fmt --check "$file"
done
add rules rules
add rules-json rules --json
add rules-markdown rules --markdown
add poses poses
add poses-json poses --json
add completions completions bash
add man man
while read -r name; do
  add "explain-$name" explain "$name"
done < <("$new" rules --json | grep -o '"name": "[^"]*"' | cut -d'"' -f4)
while read -r id; do
  add "explain-pose-$id" explain "$id"
done < <("$new" poses --json | grep -o '"id": "[^"]*"' | cut -d'"' -f4)

# Runs every command with one binary; results go to $2/NAME.{out,err,code}.
run_all() {
  local bin="$1" out="$2"
  mkdir -p "$out"
  while IFS=$'\t' read -r -a line; do
    local name="${line[0]}"
    (cd "$corpus" && "$bin" "${line[@]:1}" > "$out/$name.out" 2> "$out/$name.err" < /dev/null; echo $? > "$out/$name.code") || true
  done < "$commands"
}
run_all "$old" "$work/out-old"
run_all "$new" "$work/out-new"

# `fmt` rewriting a copy of the corpus, with each binary.
for side in old new; do
  cp -r "$corpus" "$work/fmt-$side"
  bin=$old; [ "$side" = new ] && bin=$new
  (cd "$work/fmt-$side" && "$bin" --color never fmt . > "$work/out-$side/fmt-all.out" 2> "$work/out-$side/fmt-all.err"; echo $? > "$work/out-$side/fmt-all.code") || true
done

count=$(wc -l < "$commands")
differ=0
for result in "$work/out-old"/*; do
  name=$(basename "$result")
  if ! cmp -s "$result" "$work/out-new/$name"; then
    differ=$((differ + 1))
    echo "differs: $name"
    diff "$result" "$work/out-new/$name" | head -n 8 || true
  fi
done
if ! diff -r -q "$work/fmt-old" "$work/fmt-new" > "$work/fmt.diff"; then
  differ=$((differ + 1))
  echo "differs: the trees fmt rewrote"
  head -n 8 "$work/fmt.diff"
fi
if [ "$differ" -gt 0 ]; then
  echo "same-output: $differ of $((count + 2)) results differ (work: $work)"
  exit 1
fi
echo "same-output: all $((count + 2)) results agree: $count commands and fmt over $(( ${#fixed[@]} )) fixed and $files generated routines (work: $work)"
