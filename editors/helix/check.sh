#!/bin/sh
# Check that Helix gets `faultline server`'s diagnostics for a record file, and that they are
# the findings `faultline lint` gives for it (check.py runs Helix in a pseudo-terminal).
#
#   editors/helix/check.sh HX FAULTLINE [RECORD]
#
# HX: the Helix binary. FAULTLINE: the faultline binary. RECORD: a record file of a dataset;
# without it, a copy of the repository's data/ with one event broken (see ../prepare.sh).
# Needs python3. Exit code: 0 the diagnostics came and match `faultline lint`, 1 not, 2 bad
# usage. Not part of the test suite or CI: Helix is not on a fresh machine.
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 HX FAULTLINE [RECORD]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
hx=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$hx" ] || { echo "not an executable: $1" >&2; exit 2; }
shift
. "$here/../prepare.sh"

echo "python3 check.py (Helix in a pseudo-terminal):"
timeout 120 python3 "$here/check.py" "$hx" "$bin" "$record" "$ws" "$expected" </dev/null
