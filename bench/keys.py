#!/usr/bin/env python3
"""keys.py - how fast promboard's TUI answers a key while its server sends
answers it must refuse or take apart, and how much memory that costs.
Python 3 standard library only.

Usage: keys.py SECONDS -- PROMBOARD-COMMAND...

Runs the command on a 200x50 pseudo-terminal, waits for its first frame,
then for SECONDS presses '?' (the help opens: its box is titled "Keys")
and measures the time until the box is on its way to the terminal, then
closes it again, 5 times a second. Prints one line:

  keys N  median MS  p95 MS  max MS  peak-rss MB  cpu S

(peak RSS: the process's VmHWM at the end; cpu: user + system seconds)."""
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time


def main():
    if "--" not in sys.argv or len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    secs = float(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                         env=env, start_new_session=True)
    os.close(slave)
    out = bytearray()

    def pump(limit):
        """Reads output until limit (absolute time); returns new bytes."""
        got = bytearray()
        while True:
            left = limit - time.time()
            if left <= 0:
                return got
            r, _, _ = select.select([master], [], [], left)
            if not r:
                return got
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                return got
            if not chunk:
                return got
            got.extend(chunk)
            out.extend(chunk)
            if b"Keys" in got:
                return got

    # first frame: the tab bar names the program
    end = time.time() + 20
    while time.time() < end and b"promboard" not in out:
        pump(time.time() + 0.1)
    lat = []
    stop = time.time() + secs
    while time.time() < stop and p.poll() is None:
        pump(time.time() + 0.05)  # drain whatever refreshes drew
        t0 = time.time()
        os.write(master, b"?")
        seen = bytearray()
        deadline = t0 + 5
        while b"Keys" not in seen and time.time() < deadline:
            seen.extend(pump(deadline))
        if b"Keys" in seen:
            lat.append((time.time() - t0) * 1000)
        else:
            lat.append(5000.0)
        os.write(master, b"?")  # close it
        pump(time.time() + 0.15)
    rss = 0
    cpu = 0.0
    try:
        with open("/proc/%d/status" % p.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) / 1024
        with open("/proc/%d/stat" % p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf(
                "SC_CLK_TCK")
    except OSError:
        pass
    os.write(master, b"q")
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
    lat.sort()
    if not lat:
        print("keys 0 (no frame)")
        return
    med = lat[len(lat) // 2]
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    print("keys %d  median %.0f ms  p95 %.0f ms  max %.0f ms  "
          "peak-rss %.1f MB  cpu %.1f s" %
          (len(lat), med, p95, lat[-1], rss, cpu))


if __name__ == "__main__":
    main()
