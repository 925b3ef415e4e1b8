"""Run every benchmark in turn and print its figures (`make bench`).

The page benchmark needs a region-sized database; it is built once in var/region.sqlite3
(`nastavnik demo-data --scale region`, about half a minute) and reused afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGION_DB = ROOT / "var" / "region.sqlite3"


def run(*args: str, env: dict[str, str] | None = None) -> None:
    print(f"\n$ {' '.join(args)}", flush=True)
    subprocess.run(args, check=True, cwd=ROOT, env={**os.environ, **(env or {})})


def main() -> None:
    python = sys.executable
    region_env = {"SQLITE_PATH": str(REGION_DB)}
    if not REGION_DB.exists():
        REGION_DB.parent.mkdir(exist_ok=True)
        run(python, "-m", "nastavnik", "migrate", "-v0", env=region_env)
        run(python, "-m", "nastavnik", "demo-data", "--scale", "region", env=region_env)
    else:
        run(python, "-m", "nastavnik", "migrate", "-v0", env=region_env)
    run(python, "bench/pages/run.py", env=region_env)
    run(python, "bench/report.py", env=region_env)
    run(python, "bench/dashboard/run.py", env=region_env)
    run(python, "bench/imports/run.py")
    run(python, "bench/surveys/run.py")
    run(python, "bench/matching/run.py", *sys.argv[1:])


if __name__ == "__main__":
    main()
