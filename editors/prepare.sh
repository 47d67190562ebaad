# Sourced by the editors' headless checks (neovim/check.sh, vscode/check.sh) after they have
# checked their arguments: prepares a broken record and the findings `faultline lint` gives
# for it.
#
# In: $1 the faultline binary, $2 (optional) a record file of a dataset.
# Out: bin (the binary's absolute path), tmp (a temporary folder, removed on exit), record (the
# record file: without $2, a copy of the repository's data/ and faultline.toml in $tmp with one
# event broken, a place reference with a typo `nagorno-karabak` and an actor reference with a
# typo `rusia`, two dangling references), ws (the workspace folder an editor opens: the dataset
# folder, or its parent when faultline.toml is there), expected ($tmp/expected.json, the
# `faultline lint --format json` output for the record, run in $ws).

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || { echo "not an executable: $1" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -eq 2 ]; then
  record=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
  [ -f "$record" ] || { echo "no such record file: $2" >&2; exit 2; }
else
  cp -R "$repo/data" "$tmp/data"
  cp "$repo/faultline.toml" "$tmp/faultline.toml"
  record=$tmp/data/events/2023/2023-xx-xx-russian-mediated-ceasefire.toml
  sed -e 's/^place = "nagorno-karabakh"$/place = "nagorno-karabak"/' \
      -e 's/^actor = "russia"$/actor = "rusia"/' \
      "$record" > "$tmp/broken.toml"
  mv "$tmp/broken.toml" "$record"
  if ! grep -q '"nagorno-karabak"' "$record" || ! grep -q '"rusia"' "$record"; then
    echo "could not break $record (has the record changed?)" >&2
    exit 2
  fi
  echo "broke $record:"
  grep -n '"nagorno-karabak"\|"rusia"' "$record"
fi

dir=$(dirname "$record")
ws=
while [ "$dir" != / ]; do
  if [ -e "$dir/places.toml" ] || [ -e "$dir/actors.toml" ] || [ -d "$dir/events" ] || [ -d "$dir/sources" ]; then
    ws=$dir
    if [ ! -f "$dir/faultline.toml" ] && [ -f "$(dirname "$dir")/faultline.toml" ]; then
      ws=$(dirname "$dir")
    fi
    break
  fi
  dir=$(dirname "$dir")
done
[ -n "$ws" ] || { echo "$record is not in a dataset" >&2; exit 2; }

echo "faultline lint --format concise $record (in $ws):"
status=0
(cd "$ws" && "$bin" lint --format concise "$record") || status=$?
[ "$status" -le 1 ] || { echo "faultline lint failed (exit $status)" >&2; exit 2; }
expected=$tmp/expected.json
status=0
(cd "$ws" && "$bin" lint --format json "$record" > "$expected") || status=$?
[ "$status" -le 1 ] || { echo "faultline lint failed (exit $status)" >&2; exit 2; }
