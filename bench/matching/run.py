"""Benchmark of the matching engines at school, district and region size.

    .venv/bin/python bench/matching/run.py [--sizes school,district,region]
        [--engines optimal,cli,greedy,milp,stable,command,django] [--milp-time-limit 300] [--seed 1]

Each (size, engine) runs in a fresh subprocess so that the peak memory
(``ru_maxrss``) belongs to that engine alone; the instance is regenerated
from the seed inside the subprocess (its memory is shown separately).

Engines:
  optimal  solve_optimal() on Python objects (Mentor/Edge/Link), as the web app calls it
  cli      `nastavnik match` end to end: read the JSON file, solve, write the JSON result
  command  the console script `nastavnik match` as a process: interpreter start, imports, cli
  django   the same command dispatched through Django's manage.py machinery (settings, apps)
  greedy   baseline: edges by descending score, take while capacity lasts (numpy + loop)
  milp     scipy.optimize.milp (HiGHS), two stages: most pairs, then best score
  stable   solve_stable() with preference lists derived from the same edges
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from nastavnik.engines.matching import (  # noqa: E402
    Edge,
    Link,
    Mentor,
    StableMentee,
    StableMentor,
    solve_optimal,
    solve_stable,
)
from nastavnik.engines.matching.optimal import SCORE_SCALE  # noqa: E402

# name: (mentees, mentors, edges per mentee). "sparse" is extra: few edges and
# enough capacity, where maximising the number of pairs visibly beats greedy.
SIZES = {
    "school": (100, 30, 20),
    "district": (20_000, 4_000, 20),
    "region": (100_000, 20_000, 20),
    "sparse": (20_000, 8_000, 3),
}
ENGINES = ("optimal", "cli", "greedy", "milp", "stable")
COMMANDS = ("cli", "command", "django")  # engines that read the prepared JSON file
LOCKED_SHARE = 0.005  # of mentees
FORBIDDEN_SHARE = 0.01  # of edges
OUT = ROOT / "bench" / "out" / "matching"  # the command's input and output files, removed after use

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Instance:
    """A random instance as arrays (indices into mentors/mentees)."""

    capacity: Ints
    n_mentees: int
    edge_mentor: Ints
    edge_mentee: Ints
    edge_score: npt.NDArray[np.float64]
    locked: list[tuple[int, int]]
    forbidden: list[tuple[int, int]]


@dataclass(slots=True)
class Measure:
    seconds: float
    matched: int
    total: float | None
    note: str = ""
    instance_mb: float = 0.0
    peak_mb: float = 0.0


def make_instance(size: str, seed: int) -> Instance:
    """Distinct random mentors per mentee, capacities 1–5, scores 0–100."""
    n_mentees, n_mentors, degree = SIZES[size]
    rng = np.random.default_rng(seed)
    degree = min(degree, n_mentors)
    choices = (
        np.argsort(rng.random((n_mentees, n_mentors)), axis=1)[:, :degree]
        if n_mentors <= 100
        else (_distinct_rows(rng, n_mentees, n_mentors, degree))
    )
    edge_mentor = choices.reshape(-1).astype(np.int64)
    edge_mentee = np.repeat(np.arange(n_mentees, dtype=np.int64), degree)
    edge_score = np.round(rng.uniform(0, 100, len(edge_mentor)), 2)
    capacity = rng.integers(1, 6, n_mentors).astype(np.int64)
    picked = rng.choice(len(edge_mentor), int(len(edge_mentor) * FORBIDDEN_SHARE), replace=False)
    forbidden = sorted(zip(edge_mentor[picked].tolist(), edge_mentee[picked].tolist(), strict=True))
    locked = _feasible_locks(rng, capacity, edge_mentor, edge_mentee, set(forbidden), n_mentees)
    return Instance(capacity, n_mentees, edge_mentor, edge_mentee, edge_score, locked, forbidden)


def _distinct_rows(rng: np.random.Generator, rows: int, population: int, width: int) -> Ints:
    draws = rng.integers(0, population, (rows, width))
    while True:
        ordered = np.sort(draws, axis=1)
        repeated = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if len(repeated) == 0:
            return draws
        draws[repeated] = rng.integers(0, population, (len(repeated), width))


def _feasible_locks(
    rng: np.random.Generator,
    capacity: Ints,
    edge_mentor: Ints,
    edge_mentee: Ints,
    forbidden: set[tuple[int, int]],
    n_mentees: int,
) -> list[tuple[int, int]]:
    load = np.zeros(len(capacity), dtype=np.int64)
    locked = []
    degree = len(edge_mentor) // n_mentees
    for mentee in rng.choice(n_mentees, max(1, int(n_mentees * LOCKED_SHARE)), replace=False).tolist():
        mentor = int(edge_mentor[mentee * degree])
        if (mentor, mentee) not in forbidden and load[mentor] < capacity[mentor]:
            load[mentor] += 1
            locked.append((mentor, mentee))
    return locked


# --- engines -----------------------------------------------------------------


def engine_objects(inst: Instance) -> tuple[list[Mentor], list[str], list[Edge], list[Link], list[Link]]:
    mentors = [Mentor(f"m{i}", c) for i, c in enumerate(inst.capacity.tolist())]
    mentees = [f"e{j}" for j in range(inst.n_mentees)]
    edges = [
        Edge(f"m{m}", f"e{e}", s)
        for m, e, s in zip(inst.edge_mentor.tolist(), inst.edge_mentee.tolist(), inst.edge_score.tolist(), strict=True)
    ]
    return (
        mentors,
        mentees,
        edges,
        [Link(f"m{m}", f"e{e}") for m, e in inst.locked],
        [Link(f"m{m}", f"e{e}") for m, e in inst.forbidden],
    )


def run_optimal(inst: Instance, _: argparse.Namespace) -> Measure:
    objects = engine_objects(inst)
    mark = _rss_mb()
    start = time.perf_counter()
    result = solve_optimal(*objects)
    seconds = time.perf_counter() - start
    return Measure(seconds, result.matched, result.total_score, instance_mb=mark)


def run_cli(args: argparse.Namespace) -> Measure:
    from nastavnik.engines.matching import cli

    source = OUT / f"{args.size}-{args.seed}.json"
    target = OUT / f"{args.size}-{args.seed}-result.json"
    mark = _rss_mb()
    start = time.perf_counter()
    code = cli.main([str(source), "--out", str(target)])
    seconds = time.perf_counter() - start
    assert code == 0, code
    result = json.loads(target.read_text(encoding="utf-8"))
    return Measure(seconds, len(result["pairs"]), result["total_score"], "JSON in+out", instance_mb=mark)


def run_process(args: argparse.Namespace) -> Measure:
    """The whole command as a user starts it: wall time and peak RSS of the child process."""
    source = OUT / f"{args.size}-{args.seed}.json"
    target = OUT / f"{args.size}-{args.seed}-result.json"
    env = dict(os.environ)
    if args.engine == "django":
        # What `nastavnik match` did before the early dispatch: Django's command runner.
        command = [sys.executable, "-m", "django", "match", str(source), "--out", str(target)]
        env["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings"
    else:
        command = [sys.executable, "-m", "nastavnik", "match", str(source), "--out", str(target)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"exit {done.returncode}: {done.stderr.strip()[-500:]}")
    result = json.loads(target.read_text(encoding="utf-8"))
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    note = f"whole process, CPU {usage.ru_utime + usage.ru_stime:.2f} s"
    return Measure(seconds, len(result["pairs"]), result["total_score"], note, peak_mb=usage.ru_maxrss / 1024)


def run_greedy(inst: Instance, _: argparse.Namespace) -> Measure:
    mark = _rss_mb()
    start = time.perf_counter()
    matched, total = _greedy(inst)
    return Measure(time.perf_counter() - start, matched, total, instance_mb=mark)


def _greedy(inst: Instance) -> tuple[int, float]:
    residual = inst.capacity.tolist()
    taken = [False] * inst.n_mentees
    keys, scores = _allowed(inst)
    lock_keys = [m * inst.n_mentees + e for m, e in inst.locked]
    total = float(scores[np.isin(keys, lock_keys)].sum())
    for mentor, mentee in inst.locked:
        residual[mentor] -= 1
        taken[mentee] = True
    order = np.argsort(-scores, kind="stable")
    mentors, mentees = (keys[order] // inst.n_mentees).tolist(), (keys[order] % inst.n_mentees).tolist()
    for mentor, mentee, score in zip(mentors, mentees, scores[order].tolist(), strict=True):
        if not taken[mentee] and residual[mentor] > 0:
            taken[mentee] = True
            residual[mentor] -= 1
            total += score
    return sum(taken), round(total, 9)


def run_milp(inst: Instance, args: argparse.Namespace) -> Measure:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    mark = _rss_mb()
    start = time.perf_counter()
    keys, scores = _allowed(inst)
    n_mentors = len(inst.capacity)
    mentor, mentee = keys // inst.n_mentees, keys % inst.n_mentees
    count = len(keys)
    rows = np.concatenate([mentor, n_mentors + mentee])
    matrix = csr_array(
        (np.ones(2 * count), (rows, np.tile(np.arange(count), 2))), shape=(n_mentors + inst.n_mentees, count)
    )
    upper = np.concatenate([inst.capacity, np.ones(inst.n_mentees, np.int64)]).astype(float)
    lock_keys = np.array([m * inst.n_mentees + e for m, e in inst.locked], dtype=np.int64)
    bounds = Bounds(np.isin(keys, lock_keys).astype(float), np.ones(count))
    rows_constraint = LinearConstraint(matrix, -np.inf, upper)
    # HiGHS's MIP presolve (probing over hundreds of thousands of binaries) ran
    # for 25+ minutes at district size and ignored time_limit; without it the
    # root LP is already integral (the constraint matrix is totally unimodular).
    options = {"time_limit": args.milp_time_limit, "presolve": False}
    first = milp(
        -np.ones(count), constraints=[rows_constraint], integrality=np.ones(count), bounds=bounds, options=options
    )
    if first.status != 0 or first.x is None:
        return Measure(time.perf_counter() - start, 0, None, f"stage 1: {first.message}", instance_mb=mark)
    best = round(-first.fun)
    cardinality = LinearConstraint(csr_array(np.ones((1, count))), best, np.inf)
    weights = np.rint(scores * SCORE_SCALE)
    second = milp(
        -weights, constraints=[rows_constraint, cardinality], integrality=np.ones(count), bounds=bounds, options=options
    )
    seconds = time.perf_counter() - start
    if second.x is None:
        return Measure(seconds, best, None, f"stage 2: {second.message}", instance_mb=mark)
    chosen = second.x > 0.5
    note = "" if second.status == 0 else f"stage 2 not proven: {second.message}"
    return Measure(seconds, int(chosen.sum()), round(float(scores[chosen].sum()), 9), note, instance_mb=mark)


def _allowed(inst: Instance) -> tuple[Ints, npt.NDArray[np.float64]]:
    """Distinct allowed pairs (best score), plus locked pairs outside the edges at 0."""
    keys = inst.edge_mentor * inst.n_mentees + inst.edge_mentee
    banned = np.array([m * inst.n_mentees + e for m, e in inst.forbidden], dtype=np.int64)
    keep = ~np.isin(keys, banned)
    keys, scores = keys[keep], inst.edge_score[keep]
    order = np.lexsort((-scores, keys))
    keys, scores = keys[order], scores[order]
    first = np.ones(len(keys), bool)
    first[1:] = keys[1:] != keys[:-1]
    keys, scores = keys[first], scores[first]
    lock_keys = np.array([m * inst.n_mentees + e for m, e in inst.locked], dtype=np.int64)
    extra = np.setdiff1d(lock_keys, keys)
    return np.concatenate([keys, extra]), np.concatenate([scores, np.zeros(len(extra))])


def stable_objects(inst: Instance) -> tuple[list[StableMentor], list[StableMentee]]:
    """Preferences from the same edges: each side ranks by score plus its own noise."""
    rng = np.random.default_rng(12345)
    mentee_view = inst.edge_score + rng.normal(0, 10, len(inst.edge_score))
    mentor_view = inst.edge_score + rng.normal(0, 10, len(inst.edge_score))
    by_mentee = np.lexsort((-mentee_view, inst.edge_mentee))
    by_mentor = np.lexsort((-mentor_view, inst.edge_mentor))
    mentee_lists = _split(inst.edge_mentee[by_mentee], inst.edge_mentor[by_mentee], inst.n_mentees, "m")
    mentor_lists = _split(inst.edge_mentor[by_mentor], inst.edge_mentee[by_mentor], len(inst.capacity), "e")
    mentors = [StableMentor(f"m{i}", c, mentor_lists[i]) for i, c in enumerate(inst.capacity.tolist())]
    mentees = [StableMentee(f"e{j}", mentee_lists[j]) for j in range(inst.n_mentees)]
    return mentors, mentees


def _split(owner: Ints, item: Ints, count: int, prefix: str) -> list[tuple[str, ...]]:
    bounds = np.searchsorted(owner, np.arange(count + 1))
    names = [f"{prefix}{i}" for i in item.tolist()]
    return [tuple(names[bounds[k] : bounds[k + 1]]) for k in range(count)]


def run_stable(inst: Instance, _: argparse.Namespace) -> Measure:
    mentors, mentees = stable_objects(inst)
    locked = [Link(f"m{m}", f"e{e}") for m, e in inst.locked]
    forbidden = [Link(f"m{m}", f"e{e}") for m, e in inst.forbidden]
    mark = _rss_mb()
    start = time.perf_counter()
    result = solve_stable(mentors, mentees, locked, forbidden)
    seconds = time.perf_counter() - start
    ranks = [p.mentee_rank for p in result.pairs if p.mentee_rank is not None]
    note = f"mean mentee rank {sum(ranks) / max(len(ranks), 1):.2f}"
    return Measure(seconds, result.matched, None, note, instance_mb=mark)


RUNNERS: dict[str, Callable[[Instance, argparse.Namespace], Measure]] = {
    "optimal": run_optimal,
    "greedy": run_greedy,
    "milp": run_milp,
    "stable": run_stable,
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- driver --------------------------------------------------------------------


def worker(args: argparse.Namespace) -> None:
    """Run one engine on one size in this process and print a JSON line."""
    # For "cli" the JSON file was written by another process: only the command runs here.
    if args.engine in ("command", "django"):
        print(json.dumps(asdict(run_process(args))))
        return
    runner = RUNNERS.get(args.engine)
    measure = runner(make_instance(args.size, args.seed), args) if runner else run_cli(args)
    measure.peak_mb = _rss_mb()
    print(json.dumps(asdict(measure)))


def prepare_json(args: argparse.Namespace) -> None:
    """Write the instance as the command's input file."""
    mentors, mentees, edges, locked, forbidden = engine_objects(make_instance(args.size, args.seed))
    document: dict[str, Any] = {
        "mentors": [{"id": m.id, "capacity": m.capacity} for m in mentors],
        "mentees": [{"id": e} for e in mentees],
        "edges": [{"mentor": e.mentor, "mentee": e.mentee, "score": e.score} for e in edges],
        "locked": [{"mentor": k.mentor, "mentee": k.mentee} for k in locked],
        "forbidden": [{"mentor": k.mentor, "mentee": k.mentee} for k in forbidden],
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.size}-{args.seed}.json").write_text(json.dumps(document), encoding="utf-8")


def spawn(args: argparse.Namespace, size: str, engine: str, role: str = "--worker") -> Measure | str:
    command = [
        sys.executable,
        __file__,
        role,
        "--size",
        size,
        "--engine",
        engine,
        "--seed",
        str(args.seed),
        "--milp-time-limit",
        str(args.milp_time_limit),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"killed after {args.timeout} s"
    if done.returncode != 0:
        return f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
    if role != "--worker":
        return ""
    return Measure(**json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    args = _parser().parse_args()
    if args.worker:
        worker(args)
        return
    if args.prepare:
        prepare_json(args)
        return
    print(
        "| size | mentees × mentors, edges | engine | time, s | matched | total score | peak RSS MB (instance) | note |"
    )
    print("|---|---|---|---:|---:|---:|---:|---|")
    for size in args.sizes.split(","):
        if set(args.engines.split(",")) & set(COMMANDS):
            spawn(args, size, "cli", role="--prepare")
        for engine in args.engines.split(","):
            measure = spawn(args, size, engine)
            print(_row(size, engine, measure), flush=True)
        for leftover in OUT.glob(f"{size}-{args.seed}*.json"):
            leftover.unlink()


def _row(size: str, engine: str, measure: Measure | str) -> str:
    n_mentees, n_mentors, degree = SIZES[size]
    shape = f"{_n(n_mentees)} × {_n(n_mentors)}, {degree}/mentee"
    if isinstance(measure, str):
        return f"| {size} | {shape} | {engine} | — | — | — | — | {measure} |"
    total = "—" if measure.total is None else _n(measure.total, ".2f")
    memory = f"{_n(measure.peak_mb, '.0f')} ({_n(measure.instance_mb, '.0f')})"
    cells = [size, shape, engine, f"{measure.seconds:.2f}", _n(measure.matched), total, memory, measure.note]
    return "| " + " | ".join(cells) + " |"


def _n(value: float, spec: str = "d") -> str:
    """A number with thin-space thousands, as Russian readers expect."""
    return format(value, "_" + spec).replace("_", "\u2009")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="school,district,region")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--milp-time-limit", type=float, default=300.0, help="seconds per MILP stage")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per subprocess")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    main()
