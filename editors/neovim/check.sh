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
command -v nvim >/dev/null || { echo "nvim is not on PATH" >&2; exit 2; }
. "$here/../prepare.sh"

echo "nvim --headless -u NONE -i NONE -n -c 'luafile $here/check.lua':"
cd "$ws"
FAULTLINE=$bin FAULTLINE_RECORD=$record FAULTLINE_EXPECTED=$expected \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $here/check.lua" </dev/null
