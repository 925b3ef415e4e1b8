"""Backup and restore of the demo installation: time of each command and size of the archive.

    .venv/bin/python bench/backup/run.py [--workdir bench/out/backup] [--postgres URL]

In the work folder: a migrated SQLite database (made once, kept as the template), a copy with
`nastavnik demo-data`, its backup, and a restore into a fresh copy of the template (and, with
--postgres, into that PostgreSQL database after `migrate`; it must be empty). Each command runs
as its own process, as an administrator runs it; the times are wall-clock of the whole process
(Django start included). Row counts and file hashes of source and target are compared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COUNTS = (
    "import json, django; django.setup()\n"
    "from nastavnik.common.backup.dump import stored_models\n"
    "print(json.dumps({m._meta.label: m._base_manager.count() for m in stored_models('default')}))\n"
)


def env_for(work: Path, name: str, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(NASTAVNIK_VAR=str(work / "var"), MEDIA_ROOT=str(work / f"{name}-media"))
    env.update(DJANGO_SETTINGS_MODULE="nastavnik.settings")
    env["DATABASE_URL" if database.startswith("postgres") else "SQLITE_PATH"] = database
    return env


def run(env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nastavnik", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def counts(env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", COUNTS], env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout))


def hashes(media: Path) -> dict[str, str]:
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
    return {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "backup")
    parser.add_argument("--postgres", help="an empty PostgreSQL database to restore into")
    args = parser.parse_args()
    work: Path = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    template, demo = work / "template.sqlite3", work / "demo.sqlite3"
    # migrate every time: a no-op when the kept databases are up to date with the code.
    print(f"migrate: {run(env_for(work, 'template', str(template)), 'migrate', '--no-input'):.1f} s")
    source = env_for(work, "demo", str(demo))
    if not demo.exists():
        shutil.copyfile(template, demo)
        print(f"demo-data: {run(source, 'demo-data'):.1f} s")
    run(source, "migrate", "--no-input")
    archive = work / "demo.zip"
    print(f"backup: {run(source, 'backup', '--out', str(archive)):.1f} s, {archive.stat().st_size / 1e6:.2f} MB")
    expected = (counts(source), hashes(work / "demo-media"))
    print(f"source: {sum(expected[0].values())} rows in {len(expected[0])} tables, {len(expected[1])} files")
    targets = [("sqlite", str(work / "restored.sqlite3"))]
    shutil.copyfile(template, work / "restored.sqlite3")
    if args.postgres:
        targets.append(("postgres", args.postgres))
    for name, database in targets:
        env = env_for(work, name, database)
        shutil.rmtree(work / f"{name}-media", ignore_errors=True)
        if name == "postgres":
            print(f"migrate (postgres): {run(env, 'migrate', '--no-input'):.1f} s")
        seconds = run(env, "restore", str(archive))
        same = (counts(env), hashes(work / f"{name}-media")) == expected
        print(f"restore into {name}: {seconds:.1f} s, rows and files {'equal' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
