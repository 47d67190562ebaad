"""Check that Helix gets `faultline server`'s diagnostics for a record file.

Run it through check.sh (which prepares a broken record and the expected findings):

    python3 check.py HX FAULTLINE RECORD WORKSPACE EXPECTED

Helix has no headless mode, so it runs in a pseudo-terminal, with editors/helix/languages.toml
(the configuration docs/editors.md gives) as its only configuration and `faultline` first on
PATH. With `-vvv` Helix logs every message it exchanges with its language servers; the check
waits for textDocument/publishDiagnostics for the record there, compares the diagnostics with
`faultline lint --format json` (EXPECTED), then quits Helix with `:q!` and checks that it asked
the server to shut down and exit. Exit code: 0 all of that worked, 1 not, 2 bad usage.
"""

import fcntl
import json
import os
import pty
import select
import shutil
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent


def out(s):
    print(s, flush=True)


def messages(log):
    """The JSON messages Helix logged as received from the faultline server."""
    if not log.exists():
        return
    for line in log.read_text(errors="replace").splitlines():
        marker = "faultline <- "
        at = line.find(marker)
        if at >= 0:
            try:
                yield json.loads(line[at + len(marker):])
            except json.JSONDecodeError:
                pass


def sent(log, method):
    """Whether Helix logged a message with `method` sent to the faultline server."""
    if not log.exists():
        return False
    return any("faultline -> " in l and f'"method":"{method}"' in l for l in log.read_text(errors="replace").splitlines())


def as_finding(d, lines):
    """A diagnostic as `faultline lint --format json` writes a finding (1-based, columns in
    characters; the server's are UTF-16 code units)."""

    def col(pos):
        text = lines[pos["line"]] if pos["line"] < len(lines) else ""
        units, chars = 0, 0
        for ch in text:
            if units >= pos["character"]:
                break
            units += 2 if ord(ch) > 0xFFFF else 1
            chars += 1
        return chars + 1

    severity = {1: "error", 2: "warning", 3: "info", 4: "hint"}.get(d.get("severity"), "?")
    r = d["range"]
    return "|".join(str(x) for x in [d.get("code"), severity, r["start"]["line"] + 1, col(r["start"]),
                                     r["end"]["line"] + 1, col(r["end"]), d["message"]])


def main(argv):
    if len(argv) != 6:
        out(__doc__.split("\n\n")[1])
        return 2
    hx, faultline, record, ws, expected = argv[1], argv[2], Path(argv[3]).resolve(), argv[4], argv[5]
    timeout = float(os.environ.get("FAULTLINE_TIMEOUT_MS", "20000")) / 1000
    tmp = Path(tempfile.mkdtemp())
    try:
        (tmp / "config" / "helix").mkdir(parents=True)
        shutil.copy(HERE / "languages.toml", tmp / "config" / "helix" / "languages.toml")
        (tmp / "bin").mkdir()
        os.symlink(os.path.abspath(faultline), tmp / "bin" / "faultline")
        log = tmp / "helix.log"
        env = dict(os.environ, PATH=f"{tmp / 'bin'}:{os.environ.get('PATH', '')}",
                   XDG_CONFIG_HOME=str(tmp / "config"), TERM="xterm-256color", HOME=str(tmp))
        uri = "file://" + quote(str(record))
        out(f"helix: {hx}; server: {faultline} server (first on PATH); workspace: {ws}")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(ws)
            os.execve(hx, [hx, "-vvv", "--log", str(log), str(record)], env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

        def drain(seconds):
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if ready:
                    try:
                        os.read(fd, 65536)
                    except OSError:
                        return

        started = time.monotonic()
        published = None
        while published is None and time.monotonic() - started < timeout:
            drain(0.1)
            for m in messages(log):
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                    published = m["params"]["diagnostics"]
        ms = int((time.monotonic() - started) * 1000)
        drain(0.5)  # a later publication replaces the first
        for m in messages(log):
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                published = m["params"]["diagnostics"]
        # Normal mode, then `:q!` (each key on its own, as typed: an escape followed at once
        # by more bytes would read as one key sequence).
        for keys in [b"\x1b", b":", b"q!", b"\r"]:
            os.write(fd, keys)
            drain(0.3)
        status = None
        end = time.monotonic() + 10
        while status is None and time.monotonic() < end:
            drain(0.1)
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(code)
        if status is None:
            os.kill(pid, 9)
            os.waitpid(pid, 0)

        code = 0
        if published is None:
            out(f"FAIL: no textDocument/publishDiagnostics for the record within {int(timeout * 1000)} ms")
            tail = log.read_text(errors="replace").splitlines()[-20:] if log.exists() else []
            out("last lines of Helix's log:\n  " + "\n  ".join(tail))
            return 1
        lines = record.read_text().split("\n")
        out(f"received {len(published)} diagnostic(s) in {ms} ms:")
        for d in published:
            out("  " + as_finding(d, lines).replace("\n", "\n  "))
        lint = json.loads(Path(expected).read_text())
        want = sorted("|".join(str(x) for x in [d["rule"], d["severity"], d["line"], d["column"], d["end_line"],
                                                d["end_column"], d["message"] + (f"\nhelp: {d['help']}" if d.get("help") else "")])
                      for d in lint["diagnostics"] if (Path(ws) / d["file"]).resolve() == record)
        have = sorted(as_finding(d, lines) for d in published)
        if want == have:
            out(f"same findings as `faultline lint --format json` for the record ({len(want)})")
        else:
            out("FAIL: the diagnostics differ from faultline lint's findings:\n  want " + "\n       ".join(want)
                + "\n  have " + "\n       ".join(have))
            code = 1
        out(f"helix exited: {status if status is not None else 'no (killed after 10 s)'}")
        if status != 0:
            code = 1
        for method in ["shutdown", "exit"]:
            if sent(log, method):
                out(f"helix sent `{method}` to the server")
            else:
                out(f"FAIL: helix did not send `{method}` to the server")
                code = 1
        out("OK" if code == 0 else "FAILED")
        return code
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
