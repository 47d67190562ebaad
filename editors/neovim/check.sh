#!/bin/sh
# Headless check that Neovim gets `faultline server`'s diagnostics for a record file, and that
# they are the findings `faultline lint` gives for it.
#
#   editors/neovim/check.sh FAULTLINE [RECORD]
#
# FAULTLINE: the faultline binary. RECORD: a record file of a dataset. Without RECORD, the
# repository's data/ (and faultline.toml) are copied to a temporary folder and one event is
# broken there: a place reference with a typo (`nagorno-karabak`) and an actor reference with a
# typo (`rusia`), two dangling references. Needs `nvim` (0.7 or later) on PATH.
# Exit code: 0 the diagnostics came and match `faultline lint`, 1 not, 2 bad usage.
# Not part of the test suite or CI: Neovim is not on a fresh machine.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 FAULTLINE [RECORD]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || { echo "not an executable: $1" >&2; exit 2; }
command -v nvim >/dev/null || { echo "nvim is not on PATH" >&2; exit 2; }

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

# The workspace folder, as faultline.lua finds it: the dataset folder, or its parent when
# faultline.toml is there. `faultline lint` runs there so both read the same faultline.toml.
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
status=0
(cd "$ws" && "$bin" lint --format json "$record" > "$tmp/expected.json") || status=$?
[ "$status" -le 1 ] || { echo "faultline lint failed (exit $status)" >&2; exit 2; }

echo "nvim --headless -u NONE -i NONE -n -c 'luafile $here/check.lua':"
cd "$ws"
FAULTLINE=$bin FAULTLINE_RECORD=$record FAULTLINE_EXPECTED=$tmp/expected.json \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $here/check.lua" </dev/null
