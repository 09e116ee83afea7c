"""Start one measured command from a small process, and say what it cost.

Run as `python bench/launch.py FD COMMAND...` by `processes.run`. Linux
carries a process's peak memory across fork and exec: a command forked by
the benchmark itself would report at least the benchmark's own peak (which
holds inventories of thousands of rows). Forked from this small launcher
instead, the command's peak is its own. Out: the command's exit code, then,
on file descriptor FD, one line "wall cpu peak_kb" (CPU: user + system of the
command and of its children).
"""

import os
import subprocess
import sys
import time


def main() -> int:
    report, command = int(sys.argv[1]), sys.argv[2:]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    os.write(report, f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}\n".encode())
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
