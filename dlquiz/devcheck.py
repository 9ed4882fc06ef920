"""`dlquiz dev check`: prove that every exercise's tests can fail and can pass.

For each exercise: the spec validates; the starter fails; the reference in solutions/
passes; every mutant in tests/mutants/<id>/ fails, and its verdict mentions what the
mutant's `# expect:` line says; every file in tests/alternatives/<id>/ passes.
Random cases in float16 and bfloat16, which a learner's `run` gets on CUDA only, are run
here on the CPU too, so the half-precision tolerances are proven without a GPU; on a GPU,
`--device cuda` proves the same on CUDA kernels (exercises that run on the CPU only are
left out).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dlquiz import catalog, render, runner, sandbox, zygote
from dlquiz.errors import NO_CUDA, DlquizError
from dlquiz.spec import Spec, load_spec

MIN_MUTANTS = 3
MIN_ALTERNATIVES = 1


@dataclass
class Job:
    spec: Spec
    role: str                 # starter | reference | mutant | alternative
    path: Path
    expect: str | None = None
    problem: str | None = None


@dataclass
class Row:
    spec: Spec
    jobs: list[Job] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def header(path: Path, key: str) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines()[:10]:
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return None


def verdict_text(report: dict) -> str:
    buf = io.StringIO()
    render.verdict(Console(file=buf, width=200, color_system=None), report)
    parts = [buf.getvalue()]
    for c in report.get("cases", []):
        parts.append(c.get("message", ""))
        parts.extend(c.get("diagnosis") or [])
    if report.get("error"):
        parts.append(str(report["error"]))
    return "\n".join(parts)


def judge(job: Job, report: dict) -> str | None:
    """The problem with this job's outcome, or None when it behaved as it must."""
    code = runner.exit_code(report)
    if code == 2:
        err = report.get("error") or {}
        return f"could not run: {err.get('message')}\n{err.get('traceback', '')}".strip()
    if job.role in ("reference", "alternative"):
        if code != 0:
            bad = next((c for c in report.get("cases", []) if c.get("status") != "pass"), None)
            detail = f"{bad['name']}: {bad['message']}" if bad else (report.get("error") or {}).get("message", "")
            return f"must pass but failed ({detail})"
        return None
    if code == 0:
        return "must fail but passed every case: the hidden tests cannot see this mistake"
    if job.expect and job.expect.lower() not in verdict_text(report).lower():
        return f"failed, but the verdict never mentions {job.expect!r}"
    return None


def plan(specs: list[Spec], tests_dir: Path, known: set[str]) -> list[Row]:
    rows = []
    for spec in specs:
        row = Row(spec)
        for req in spec.requires:
            if req not in known:
                row.problems.append(f"requires {req!r}, which is not an exercise")
        row.jobs.append(Job(spec, "starter", spec.starter_path))
        row.jobs.append(Job(spec, "reference", catalog.solution_path(spec.id)))
        mutants = sorted((tests_dir / "mutants" / spec.id).glob("*.py"))
        alternatives = sorted((tests_dir / "alternatives" / spec.id).glob("*.py"))
        if len(mutants) < MIN_MUTANTS:
            row.problems.append(f"has {len(mutants)} mutants; at least {MIN_MUTANTS} are needed")
        if len(alternatives) < MIN_ALTERNATIVES:
            row.problems.append(f"has {len(alternatives)} alternatives; at least {MIN_ALTERNATIVES} needed")
        for m in mutants:
            expect = header(m, "expect")
            if not header(m, "mutant"):
                row.problems.append(f"{m.name}: first lines need '# mutant: <the mistake>'")
            row.jobs.append(Job(spec, "mutant", m, expect=expect))
        for a in alternatives:
            row.jobs.append(Job(spec, "alternative", a))
        if not catalog.solution_path(spec.id).is_file():
            row.problems.append(f"no reference at solutions/{spec.id}.py")
        if not spec.zh:
            row.problems.append("no zh: texts")
        rows.append(row)
    return rows


def _execute(job: Job, seed: int, warm, device: str = "cpu") -> None:
    try:
        report = runner.run_exercise(job.spec, job.path, device=device, seed=seed, timing=False, threads=1,
                                     half_on_cpu=True, zygote=warm)
        job.problem = judge(job, report)
    except DlquizError as exc:
        job.problem = f"could not run: {exc.message}"


def require_cuda() -> None:
    """A usage error (exit 2) before hundreds of runs each find no GPU."""
    import torch

    if not torch.cuda.is_available():
        raise DlquizError(NO_CUDA + ".",
                          hint="Run `dlquiz dev check` without --device to prove the exercises on the CPU.")


def main(ids: list[str], *, seed: int, jobs: int, tests_dir: Path | None, device: str = "cpu") -> int:
    runner.check_device_name(device)
    if device == "cuda":
        require_cuda()
    console = render.make_console()
    root = catalog.data_root()
    tests = tests_dir or (root / "tests" if (root / "tests").is_dir() else Path.cwd() / "tests")
    if not (tests / "mutants").is_dir():  # an installed dlquiz ships the catalog, not its proofs
        raise DlquizError(f"no mutants/ folder in {tests}: nothing to prove the exercises against.",
                          hint="Run `dlquiz dev check` in a clone of the repository, or pass --tests FOLDER.")
    specs, invalid = [], []
    for folder in sorted((root / "exercises").iterdir()):
        if not (folder / "exercise.yaml").is_file() or (ids and folder.name not in ids):
            continue
        try:
            specs.append(load_spec(folder))
        except DlquizError as exc:
            invalid.append(exc.message)
    unknown = set(ids) - {s.id for s in specs} - {Path(m.split(":")[0]).parent.name for m in invalid}
    if unknown:
        raise DlquizError(f"no exercise named {sorted(unknown)[0]!r}.", hint="Run `dlquiz list` to see them all.")
    known = {f.name for f in (root / "exercises").iterdir() if (f / "exercise.yaml").is_file()}
    left_out = [s.id for s in specs if device not in s.devices]
    specs = [s for s in specs if device in s.devices]
    rows = plan(specs, tests, known)
    all_jobs = [j for r in rows for j in r.jobs]
    workers = jobs or os.cpu_count() or 2
    console.print(f"dev check: {len(specs)} exercises, {len(all_jobs)} runs, {workers} at a time, seed {seed}"
                  + (f", on {device}" if device != "cpu" else ""))
    if left_out:
        console.print(f"left out, they run on the CPU only: {', '.join(left_out)}", style="dim")
    warm = zygote.maybe_start()
    try:
        sandbox.run_parallel(lambda j: _execute(j, seed, warm, device), all_jobs, workers)
    finally:
        if warm is not None:
            warm.close()
    return report_rows(console, rows, invalid)


def report_rows(console: Console, rows: list[Row], invalid: list[str]) -> int:
    table = Table(show_edge=False, header_style="bold")
    table.add_column("exercise", no_wrap=True)
    for col in ("starter fails", "reference passes", "mutants fail", "alternatives pass"):
        table.add_column(col, justify="right")
    failures = 0
    for row in rows:
        by_role: dict[str, list[Job]] = {}
        for j in row.jobs:
            by_role.setdefault(j.role, []).append(j)

        def cell(role: str) -> Text:
            js = by_role.get(role, [])
            good = sum(1 for j in js if j.problem is None)
            return Text(f"{good}/{len(js)}", style="green" if js and good == len(js) else "red")

        table.add_row(row.spec.id, cell("starter"), cell("reference"), cell("mutant"), cell("alternative"))
    console.print(table)
    for message in invalid:
        failures += 1
        render.error(console, message)
    for row in rows:
        for p in row.problems:
            failures += 1
            render.error(console, f"{row.spec.id}: {p}")
        for j in row.jobs:
            if j.problem:
                failures += 1
                render.error(console, f"{row.spec.id} {j.role} {j.path.name}: {j.problem}")
    if failures:
        console.print(Text(f"{failures} problem(s)", style="bold red"))
        return 1
    render.success(console, f"all {len(rows)} exercises proven")
    return 0
