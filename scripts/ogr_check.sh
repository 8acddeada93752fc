#!/usr/bin/env bash
# Reads every output format of mentionmap back with GDAL's ogrinfo: feature count and field types.
#
# Inputs: examples/*.txt and examples/news/*.txt if there are any, else two small texts
# written here; a JSON Lines copy of them with dates for --by. Needs gdal-bin (ogrinfo) and a
# built binary (cargo build --release; MENTIONMAP=path overrides). Prints one line per check
# and "ogr_check: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${MENTIONMAP:-target/release/mentionmap}
[ -x "$BIN" ] || cargo build --release --quiet
command -v ogrinfo >/dev/null || { echo "ogr_check: ogrinfo missing (apt-get install -y gdal-bin)" >&2; exit 1; }

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/in"
shopt -s nullglob
texts=(examples/*.txt examples/news/*.txt)
if [ ${#texts[@]} -eq 0 ]; then
  printf '%s\n' 'قصفت الطائرات مواقع في الرقة ودير الزور. وفي العراق، دخلت القوات الموصل. ثم عادت إلى الرقة.' > "$W/in/a.txt"
  printf '%s\n' 'Fighting continued in Raqqa and Aleppo, Syria. Later, talks were held in Baghdad and Damascus.' > "$W/in/b.txt"
  texts=("$W/in/a.txt" "$W/in/b.txt")
else
  cp "${texts[@]}" "$W/in/"
fi
dates=(2019-01-03 2019-01-20 2019-02-14 2019-03-01)
i=0
for t in "${texts[@]}"; do
  python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "date": sys.argv[2], "text": open(sys.argv[1], encoding="utf-8").read()}, ensure_ascii=False))' \
    "$t" "${dates[$((i % 4))]}" >> "$W/docs.jsonl"
  i=$((i + 1))
done

passed=0 failed=0
check() { # check NAME CONDITION-RESULT(0/1) DETAIL
  if [ "$2" = 0 ]; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}
info() { ogrinfo -ro -al -so "$@" 2>&1; }
count_of() { sed -n 's/^Feature Count: //p' <<<"$1"; }
has() { grep -qE "$2" <<<"$1" && echo 0 || echo 1; }

"$BIN" count -q "$W/in" -o "$W/places.geojson" --edges "$W/edges.geojson"
"$BIN" count -q "$W/in" -F geojsonseq -o "$W/places.geojsons"
"$BIN" count -q "$W/in" -F csv -o "$W/places.csv" --edges "$W/edges.csv" --edges-scope sentence
"$BIN" count -q "$W/docs.jsonl" --by month -o "$W/months.geojson"
"$BIN" count -q "$W/docs.jsonl" --by week -F csv -o "$W/weeks.csv"
"$BIN" extract -q "$W/in" -o "$W/mentions.jsonl"
"$BIN" extract -q "$W/in" -F geojson -o "$W/mentions.geojson"
"$BIN" extract -q "$W/in" -F geojsonseq -o "$W/mentions.geojsons"
"$BIN" extract -q "$W/in" -F csv -o "$W/mentions.csv"

n=$(grep -c '^{"type":"Feature"' "$W/places.geojson" || true)
check "places: some features" $([ "$n" -gt 0 ] && echo 0 || echo 1) "none"
for f in places.geojson GeoJSONSeq:places.geojsons places.csv; do
  out=$(info "$W/${f#GeoJSONSeq:}" ); [ "${f%%:*}" = GeoJSONSeq ] && out=$(info "GeoJSONSeq:$W/${f#GeoJSONSeq:}")
  check "$f: $n features" $([ "$(count_of "$out")" = "$n" ] && echo 0 || echo 1) "$(count_of "$out")"
  check "$f: point geometry" "$(has "$out" '^Geometry: Point')" "$(grep Geometry <<<"$out")"
  check "$f: mentions Integer" "$(has "$out" '^mentions: Integer ')" "$(grep mentions <<<"$out")"
  check "$f: documents Integer" "$(has "$out" '^documents: Integer ')" "$(grep documents <<<"$out")"
  check "$f: confidence Real" "$(has "$out" '^confidence: Real ')" "$(grep confidence <<<"$out")"
done
out=$(info "$W/places.geojson")
check "places.geojson: forms String(JSON)" "$(has "$out" '^forms: String\(JSON\)')" "$(grep forms <<<"$out")"

for f in months.geojson weeks.csv; do
  out=$(info "$W/$f")
  check "$f: features" $([ "$(count_of "$out")" -ge "$n" ] && echo 0 || echo 1) "$(count_of "$out") < $n"
  check "$f: period_start Date" "$(has "$out" '^period_start: Date ')" "$(grep period_start <<<"$out")"
  check "$f: period_end Date" "$(has "$out" '^period_end: Date ')" "$(grep period_end <<<"$out")"
  check "$f: mentions Integer" "$(has "$out" '^mentions: Integer ')" "$(grep mentions <<<"$out")"
done

for f in edges.geojson edges.csv; do
  out=$(info "$W/$f")
  # A CSV layer declares no geometry type: look at the features' WKT column instead.
  lines=$(ogrinfo -ro -al -q "$W/$f" 2>&1 | grep -c '^ *LINESTRING (' || true)
  check "$f: $(count_of "$out") line strings" $([ "$lines" -gt 0 ] && [ "$lines" = "$(count_of "$out")" ] && echo 0 || echo 1) "$lines"
  check "$f: weight Integer" "$(has "$out" '^weight: Integer ')" "$(grep weight <<<"$out")"
done

m=$(wc -l < "$W/mentions.jsonl")
check "mentions.jsonl: some mentions" $([ "$m" -gt 0 ] && echo 0 || echo 1) "none"
for f in mentions.geojson GeoJSONSeq:mentions.geojsons mentions.csv; do
  if [ "${f%%:*}" = GeoJSONSeq ]; then out=$(info "GeoJSONSeq:$W/${f#GeoJSONSeq:}"); else out=$(info "$W/$f"); fi
  check "$f: $m features" $([ "$(count_of "$out")" = "$m" ] && echo 0 || echo 1) "$(count_of "$out")"
  check "$f: start Integer" "$(has "$out" '^start: Integer ')" "$(grep '^start' <<<"$out")"
done

echo "ogr_check: $passed passed, $failed failed"
[ "$failed" = 0 ]
