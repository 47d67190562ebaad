#!/bin/sh
# Check the VS Code extension as far as a machine without VS Code allows: it installs and
# packages (`npm install`, `vsce package`), and its client library gets `faultline server`'s
# diagnostics for a record file, the findings `faultline lint` gives for it, then completion
# and code actions there (check.js).
#
#   editors/vscode/check.sh FAULTLINE [RECORD]
#
# FAULTLINE: the faultline binary. RECORD: a record file of a dataset; without it, a copy of the
# repository's data/ with one event broken (see ../prepare.sh). Needs node and npm, and the npm
# registry (the extension's dependencies and @vscode/vsce are installed in a temporary folder;
# nothing is written in the repository). Exit code: 0 all worked, 1 not, 2 bad usage.
# Not part of the test suite or CI: it needs the npm registry.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 FAULTLINE [RECORD]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
command -v npm >/dev/null || { echo "npm is not on PATH" >&2; exit 2; }
. "$here/../prepare.sh"

ext=$tmp/extension
mkdir "$ext"
cp "$here/package.json" "$here/extension.js" "$here/check.js" "$here/.vscodeignore" "$here/README.md" "$ext/"
cp "$repo/LICENSE" "$ext/LICENSE"
echo "npm install (in $ext):"
(cd "$ext" && npm install --no-audit --no-fund --loglevel=error)
echo "vsce package:"
(cd "$ext" && npx --yes @vscode/vsce@3 package --out "$tmp/faultline.vsix" </dev/null)
[ -s "$tmp/faultline.vsix" ] || { echo "FAIL: no .vsix was written" >&2; exit 1; }

echo "node check.js:"
cd "$ws"
FAULTLINE=$bin FAULTLINE_RECORD=$record FAULTLINE_EXPECTED=$expected NODE_PATH=$ext/node_modules \
  timeout 120 node "$ext/check.js" </dev/null
