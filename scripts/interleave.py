#!/usr/bin/env python3
"""Runs commands in turn, one run of each per round, and prints each one's median wall and CPU time.

    scripts/interleave.py ROUNDS NAME 'COMMAND' [NAME 'COMMAND' ...]

A drift of the machine's speed during the measurement (10-20 % within minutes on a shared 2-core machine) then hits
every command alike, which back-to-back batches of runs (hyperfine's) do not promise. Each command runs through
`sh -c 'exec COMMAND'` with its output to /dev/null; the first round is a warm-up and is not counted. Wall time is
measured around fork/exec/wait4, CPU time is the child's user + system time from wait4. The last column is each
median's ratio to the first command's.
"""
import os
import statistics
import sys
import time


def main(argv):
    if len(argv) < 4 or len(argv) % 2 != 0 or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write("usage: scripts/interleave.py ROUNDS NAME 'COMMAND' [NAME 'COMMAND' ...]\n")
        return 2
    rounds = int(argv[1])
    commands = [(argv[i], argv[i + 1]) for i in range(2, len(argv), 2)]
    wall = {name: [] for name, _ in commands}
    cpu = {name: [] for name, _ in commands}
    devnull = os.open(os.devnull, os.O_WRONLY)
    for r in range(rounds + 1):
        for name, command in commands:
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                os.execvp("sh", ["sh", "-c", "exec " + command])
            _, status, usage = os.wait4(pid, 0)
            elapsed = time.perf_counter() - start
            if r > 0:
                wall[name].append(elapsed)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
    first = statistics.median(wall[commands[0][0]])
    for name, _ in commands:
        median = statistics.median(wall[name])
        print(f"{name:12s} wall median {median * 1000:7.1f} ms  min {min(wall[name]) * 1000:7.1f} ms  "
              f"cpu median {statistics.median(cpu[name]) * 1000:7.1f} ms  {median / first:.2f}x the first")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
