#!/usr/bin/env python3
"""pty.py - runs promboard's TUI on a pseudo-terminal of its own (a new
session, as under sshd) and does to it what a dropped link or a signal
would, then reports what became of the process and of the terminal.
Python 3 standard library only.

  pty.py gone   [--wait TEXT] -- CMD...
      closes the terminal (no SIGHUP: the process is not the session's
      foreground job) once TEXT was drawn; prints "exited after S s, rc R"
      or "still running after S s, CPU P%" (then kills it).
  pty.py signal SIG [--wait TEXT] -- CMD...
      sends signal SIG once TEXT was drawn; prints "died of SIG" or
      "exited rc R", then "termios restored" or "termios NOT restored",
      and "screen restored" or "screen NOT restored: ..." (the alternate
      screen, a hidden cursor, mouse reporting or the application keypad
      left on by the last sequence that set them).

Exit status 0 when it could run the scenario, 2 on a usage error."""
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time


def spawn(cmd, ctty=True):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    env = dict(os.environ, TERM=os.environ.get("PTY_TERM", "xterm-256color"))
    env.setdefault("LANG", "C.UTF-8")

    def child_setup():
        # a session of its own, with the pty as its controlling terminal
        # unless told otherwise (then nothing sends SIGHUP when it closes)
        os.setsid()
        if ctty:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        # what a terminal gives a program: a shell that runs the tests in
        # the background without job control has SIGINT and SIGQUIT
        # ignored, which promboard rightly keeps ignored
        for sig in (signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, signal.SIG_DFL)

    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                         env=env, preexec_fn=child_setup, close_fds=True)
    return p, master, slave


def read_until(master, text, out, limit=20.0):
    """Reads the child's output into out until text shows (or limit s)."""
    end = time.time() + limit
    want = text.encode()
    while time.time() < end:
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            out.extend(chunk)
            if want in out:
                return True
    return False


def cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def gone(cmd, text):
    p, master, slave = spawn(cmd, ctty=False)
    os.close(slave)
    out = bytearray()
    if not read_until(master, text, out):
        print("never drew %r" % text)
        p.kill()
        p.wait()
        return
    os.close(master)
    t0 = time.time()
    c0 = cpu_seconds(p.pid)
    while time.time() - t0 < 5 and p.poll() is None:
        time.sleep(0.01)
    dt = time.time() - t0
    if p.poll() is None:
        c1 = cpu_seconds(p.pid)
        print("still running after %.1f s, CPU %.0f%%" %
              (dt, 100 * (c1 - c0) / dt))
        p.kill()
        p.wait()
    else:
        print("exited after %.2f s, rc %d" % (dt, p.returncode))


MODES = {"1049": "alternate screen", "25": "cursor hidden",
         "1000": "mouse reporting", "1002": "mouse reporting",
         "1003": "mouse reporting", "1": "application keypad"}


def modes_left_on(out):
    """What the terminal is left with: DEC private modes set by the last
    CSI ? ... h / l for each (the cursor counts when hidden, 25l)."""
    state = {}
    for m in re.finditer(rb"\x1b\[\?([0-9;]*)([hl])", out):
        for num in m.group(1).decode().split(";"):
            state[num] = m.group(2) == b"h"
    left = []
    for num, what in MODES.items():
        on = state.get(num)
        if num == "25":
            on = on is False
        if on and what not in left:
            left.append(what)
    return left


def signal_case(sig, cmd, text):
    p, master, slave = spawn(cmd)
    before = termios.tcgetattr(slave)
    out = bytearray()
    if not read_until(master, text, out):
        print("never drew %r" % text)
        p.kill()
        p.wait()
        return
    time.sleep(0.2)  # let the frame finish
    p.send_signal(sig)
    end = time.time() + 10
    while time.time() < end and p.poll() is None:
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                out.extend(os.read(master, 65536))
            except OSError:
                break
    if p.poll() is None:
        print("still running 10 s after the signal")
        p.kill()
    p.wait()
    # drain what is left
    while True:
        r, _, _ = select.select([master], [], [], 0.1)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out.extend(chunk)
    rc = p.returncode
    if rc < 0:
        print("died of %s" % signal.Signals(-rc).name)
    else:
        print("exited rc %d" % rc)
    after = termios.tcgetattr(slave)
    # compare flags and the control characters that matter
    same = before[:4] == after[:4] and \
        before[6][termios.VMIN] == after[6][termios.VMIN]
    print("termios restored" if same else "termios NOT restored")
    bad = [what + " left on" for what in modes_left_on(bytes(out))]
    if bad:
        print("screen NOT restored: " + ", ".join(bad))
    else:
        print("screen restored")


def main():
    a = sys.argv[1:]
    if "--" not in a or not a:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cut = a.index("--")
    opts, cmd = a[:cut], a[cut + 1:]
    text = "promboard"
    if "--wait" in opts:
        i = opts.index("--wait")
        text = opts[i + 1]
        del opts[i:i + 2]
    if opts[0] == "gone":
        gone(cmd, text)
    elif opts[0] == "signal" and len(opts) == 2:
        name = opts[1].upper()
        sig = getattr(signal, name if name.startswith("SIG") else "SIG" + name)
        signal_case(sig, cmd, text)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
