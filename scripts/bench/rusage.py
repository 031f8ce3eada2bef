"""Run a Python console command (`mkdocs ...`) in this process and, however it ends, write
its own peak memory and CPU time to a JSON file: `python rusage.py OUT.json mkdocs build`.
The bench runs builds through this to have MkDocs' own peak apart from Pagefind's (wait4
gives the larger of a process and its children; Pagefind's is in the build's log)."""

from __future__ import annotations

import json
import resource
import sys
from importlib.metadata import entry_points


def usage() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "own_peak_mb": me.ru_maxrss / 1024,  # kilobytes on Linux
        "own_cpu_seconds": me.ru_utime + me.ru_stime,
    }


def main() -> None:
    out, command, *args = sys.argv[1:]
    (script,) = entry_points(group="console_scripts", name=command)
    sys.argv = [command, *args]
    try:
        script.load()()
    finally:
        with open(out, "w", encoding="utf-8") as file:
            json.dump(usage(), file)


if __name__ == "__main__":
    main()
