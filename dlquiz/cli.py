"""The dlquiz command line: thin Typer commands that parse options and delegate.

Heavy modules (torch never; rich views, the sandbox) are imported inside commands so that
`dlquiz --help` and `dlquiz list` start fast. Exit codes: 0 success, 1 an exercise failed,
2 a usage or configuration error, 130 interrupted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from dlquiz.errors import DlquizError
from dlquiz.spec import language

app = typer.Typer(
    name="dlquiz",
    help="Practise deep-learning interview coding: edit an exercise, run its hidden tests, read the verdict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
dev_app = typer.Typer(help="Tools for exercise authors.", no_args_is_help=True)
app.add_typer(dev_app, name="dev")
from dlquiz.quiz.commands import quiz_app  # noqa: E402 (light: typer only)

app.add_typer(quiz_app, name="quiz")

# Options written once and shared by several commands.
DeviceOpt = typer.Option("cpu", "--device", "-d", help="Where to run: cpu or cuda.")
JsonOpt = typer.Option(False, "--json", help="Print one machine-readable JSON report instead of the screen.")
LangOpt = typer.Option(None, "--lang", help="Language of exercise texts: en or zh (default: $DLQUIZ_LANG or en).")
TopicOpt = typer.Option(None, "--topic", "-t", help="Only this topic (see `dlquiz list`).")


def _out():
    from dlquiz import render

    return render.make_console()


def _progress_store(ws):
    from dlquiz import render
    from dlquiz.store import Progress

    store = Progress(ws.root)
    data = store.load()
    for w in store.warnings:
        render.warning(render.make_console(stderr=True), w)
    store.warnings.clear()
    return store, data


@app.command()
def init(directory: Path = typer.Argument(Path("dlquiz-practice"), help="Folder to create.")) -> None:
    """Create a practice workspace: one starter file per exercise and a .dlquiz/ state folder."""
    from dlquiz import catalog, render, workspace

    ws = workspace.create(directory, catalog.all_specs())
    console = _out()
    n = len(list(ws.exercises_dir.glob("*.py")))
    render.success(console, f"Created {render.rel(ws.root)} with {n} exercises.")
    first = catalog.all_specs()[0].id if catalog.all_specs() else "ID"
    console.print(f"Next: cd {render.rel(ws.root)} && dlquiz list   (then `dlquiz show {first}`)")


@app.command("list")
def list_(topic: Optional[str] = TopicOpt, json_out: bool = JsonOpt, lang: Optional[str] = LangOpt) -> None:
    """List exercises with topic, level, status and best time."""
    from dlquiz import catalog, workspace

    lang_code = language(lang)
    specs = catalog.all_specs(topic)
    ws = workspace.find()
    data = _progress_store(ws)[1] if ws else {"exercises": {}}
    if json_out:
        rows = []
        for s in specs:
            rec = data["exercises"].get(s.id, {})
            rows.append({"id": s.id, "title": s.text(lang_code)[0], "topic": s.topic, "difficulty": s.difficulty,
                         "kind": s.kind, "status": rec.get("status", "new"),
                         "best_time_s": rec.get("best_time_s"), "requires": list(s.requires)})
        typer.echo(json.dumps({"format_version": 1, "exercises": rows}, ensure_ascii=False, indent=2))
        return
    from dlquiz import render

    console = _out()
    render.exercise_list(console, specs, data, lang_code)
    if ws is None:
        console.print("No workspace here: statuses are not tracked. Start with `dlquiz init`.", style="dim")


@app.command()
def show(ex_id: str = typer.Argument(..., metavar="ID", help="Exercise id."), lang: Optional[str] = LangOpt) -> None:
    """Show an exercise: the prompt, the signature and where your file is."""
    from dlquiz import catalog, render, workspace

    spec = catalog.get(ex_id)
    ws = workspace.find()
    path = None
    if ws:
        path, _ = ws.ensure_file(spec)
        _progress_store(ws)[0].set_current(spec.id)
    render.show(_out(), spec, path, language(lang))


@app.command("next")
def next_(lang: Optional[str] = LangOpt) -> None:
    """Open the first unfinished exercise whose requirements are done."""
    from dlquiz import catalog, render, workspace

    ws = workspace.require()
    store, data = _progress_store(ws)
    done = {k for k, v in data["exercises"].items() if v.get("status") == "done"}
    specs = catalog.all_specs()
    ready = [s for s in specs if s.id not in done and all(r in done for r in s.requires)]
    if not ready:
        left = [s for s in specs if s.id not in done]
        if not left:
            render.success(_out(), f"All {len(specs)} exercises are done. Drill with `dlquiz random`.")
            return
        raise DlquizError("every unfinished exercise waits on another one.",
                          hint=f"Finish {left[0].requires[0]} first: `dlquiz show {left[0].requires[0]}`.")
    spec = ready[0]
    path, _ = ws.ensure_file(spec)
    store.set_current(spec.id)
    render.show(_out(), spec, path, language(lang))


@app.command("random")
def random_(topic: Optional[str] = TopicOpt, lang: Optional[str] = LangOpt,
            include_done: bool = typer.Option(True, "--include-done/--new-only",
                                              help="Also draw exercises you already passed.")) -> None:
    """Draw a random exercise, interview style (optionally from one topic)."""
    import random as rnd

    from dlquiz import catalog, render, workspace

    specs = catalog.all_specs(topic)
    ws = workspace.find()
    data = _progress_store(ws)[1] if ws else {"exercises": {}}
    if not include_done:
        specs = [s for s in specs if data["exercises"].get(s.id, {}).get("status") != "done"]
    if not specs:
        raise DlquizError("no exercise left to draw.", hint="Drop --new-only, or pick another --topic.")
    spec = rnd.choice(specs)
    path = None
    if ws:
        path, _ = ws.ensure_file(spec)
        _progress_store(ws)[0].set_current(spec.id)
    render.show(_out(), spec, path, language(lang))


@app.command()
def run(
    ex_id: str = typer.Argument(..., metavar="ID", help="Exercise id."),
    solution: Optional[Path] = typer.Option(None, "--solution", "-s",
                                            help="Test this file instead of the workspace file (nothing is recorded)."),
    device: str = DeviceOpt,
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed of the random cases (reproduces a run)."),
    case: Optional[str] = typer.Option(None, "--case", "-c", help="Run only this case."),
    json_out: bool = JsonOpt,
) -> None:
    """Run your file against the exercise's hidden tests and print the verdict."""
    from dlquiz import catalog, render, runner, workspace

    spec = catalog.get(ex_id)
    ws = None
    if solution is not None:
        learner = solution
    else:
        ws = workspace.require()
        learner, created = ws.ensure_file(spec)
        if created and not json_out:
            _out().print(f"Created {render.rel(learner)} from the starter.", style="dim")
    report = _run_with_status(spec, learner, device=device, seed=seed, case=case, quiet=json_out)
    if ws is not None and report.get("status") in ("pass", "fail", "error") and runner.exit_code(report) != 2:
        store, _ = _progress_store(ws)
        rec = store.record_run(spec.id, report["status"] == "pass", runner.learner_time(report))
        report["best_time_s"] = rec.get("best_time_s")
    code = runner.exit_code(report)
    if json_out:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif code == 2:
        err = report.get("error") or {}
        raise DlquizError(err.get("message", "the run could not start"),
                          hint=(err.get("traceback") if err.get("kind") == "internal" else None))
    else:
        again = f"dlquiz run {spec.id}" + (f" --solution {render.rel(solution)}" if solution else "")
        render.verdict(_out(), report, next_line=f"Next: edit {render.rel(learner)}, then run `{again}`.")
    raise typer.Exit(code)


def _run_with_status(spec, learner: Path, *, quiet: bool, **kwargs) -> dict:
    """Run with a transient progress line on stderr when it is a terminal."""
    from dlquiz import runner

    if quiet or not sys.stderr.isatty():
        return runner.run_exercise(spec, learner, **kwargs)
    from rich.console import Console

    console = Console(stderr=True)
    total = {"n": "?"}
    with console.status(f"running {spec.id} …") as status:
        def on_event(e: dict) -> None:
            if e.get("event") == "start":
                total["n"] = e["cases"]
                status.update(f"{spec.id}: computing expected values …")
            elif e.get("event") == "case":
                status.update(f"{spec.id}: case {e['index'] + 1}/{total['n']} {e['name']}")
            elif e.get("event") == "timing":
                status.update(f"{spec.id}: timing against the reference …")

        return runner.run_exercise(spec, learner, on_event=on_event, **kwargs)


@app.command()
def hint(ex_id: str = typer.Argument(..., metavar="ID", help="Exercise id."), lang: Optional[str] = LangOpt) -> None:
    """Show the next hint (each call goes one level deeper; remembered in the workspace)."""
    from dlquiz import catalog, render, workspace

    spec = catalog.get(ex_id)
    hints = spec.text(language(lang))[2]
    ws = workspace.find()
    index = _progress_store(ws)[0].next_hint(spec.id, len(hints)) if ws else 0
    render.hint(_out(), spec, index, language(lang))
    if ws is None:
        _out().print("No workspace here, so hints are not remembered: this is always the first.", style="dim")


@app.command()
def solution(ex_id: str = typer.Argument(..., metavar="ID", help="Exercise id."),
             force: bool = typer.Option(False, "--force", help="Show it before you passed (recorded).")) -> None:
    """Show the reference solution, once the exercise passed (or with --force)."""
    from dlquiz import catalog, render, workspace

    spec = catalog.get(ex_id)
    ws = workspace.find()
    passed = False
    store = None
    if ws:
        store, data = _progress_store(ws)
        passed = data["exercises"].get(spec.id, {}).get("status") == "done"
    if not passed and not force:
        raise DlquizError(f"{spec.id} has not passed yet, so its solution stays hidden.",
                          hint=f"Keep going (`dlquiz hint {spec.id}`), or look anyway with "
                               f"`dlquiz solution {spec.id} --force` (recorded).")
    if store is not None:
        store.mark_solution(spec.id, forced=not passed)
    render.solution(_out(), spec, catalog.solution_path(spec.id).read_text(encoding="utf-8"))


@app.command()
def reset(ex_id: str = typer.Argument(..., metavar="ID", help="Exercise id."),
          yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")) -> None:
    """Restore an exercise's file to its starter (asks first)."""
    from dlquiz import catalog, render, workspace

    spec = catalog.get(ex_id)
    ws = workspace.require()
    path = ws.file_for(spec)
    if not yes:
        if not sys.stdin.isatty():
            raise DlquizError("reset needs confirmation and there is no terminal to ask.",
                              hint=f"Run `dlquiz reset {spec.id} --yes` to confirm.")
        if not typer.confirm(f"Replace {render.rel(path)} with the starter? Your code in it will be lost"):
            _out().print("Nothing changed.")
            raise typer.Exit(0)
    ws.reset(spec)
    render.success(_out(), f"{render.rel(path)} is back to the starter.")


@app.command()
def watch(ex_id: Optional[str] = typer.Argument(None, metavar="[ID]", help="Exercise id (default: the current one)."),
          device: str = DeviceOpt,
          poll: bool = typer.Option(False, "--poll", help="Poll for changes instead of file events.")) -> None:
    """Re-run the exercise on every save. Keys: n next, h hint, l list, q quit."""
    from dlquiz import watch as watch_mod

    watch_mod.main(ex_id, device=device, poll=poll)


@app.command()
def check(device: str = DeviceOpt,
          jobs: int = typer.Option(0, "--jobs", "-j", help="Parallel runs (default: number of CPUs)."),
          json_out: bool = JsonOpt) -> None:
    """Run every exercise you have started in this workspace, in parallel; print a summary."""
    from dlquiz import check as check_mod

    code = check_mod.main(device=device, jobs=jobs, json_out=json_out)
    raise typer.Exit(code)


@app.command()
def bench(
    ex_id: str = typer.Argument(..., metavar="ID", help="Exercise id (one with a bench: section)."),
    solution: Optional[Path] = typer.Option(None, "--solution", "-s", help="Bench this file instead of yours."),
    device: str = DeviceOpt,
    dtype: str = typer.Option("float32", "--dtype", help="float32, float16, bfloat16 or float64."),
    sizes: Optional[str] = typer.Option(None, "--sizes", help="Only these sizes, comma-separated names."),
    compile_: bool = typer.Option(False, "--compile", help="Add torch.compile(reference) as a baseline."),
    json_out: bool = JsonOpt,
    csv_path: Optional[Path] = typer.Option(None, "--csv", metavar="FILE", help="Also write the rows to FILE."),
    budget: Optional[float] = typer.Option(None, "--budget", help="Timing seconds per size (cpu 0.5, cuda 1)."),
    threads: Optional[int] = typer.Option(None, "--threads", help="CPU threads (default 1)."),
) -> None:
    """Time your solution over a sweep of sizes against the reference and PyTorch's built-in."""
    from dlquiz import bench as bench_mod

    raise typer.Exit(bench_mod.main(ex_id, solution, device=device, dtype=dtype, sizes=sizes, compile_=compile_,
                                    json_out=json_out, csv_path=csv_path, budget_s=budget, threads=threads))


@app.command()
def progress() -> None:
    """Done / attempted per topic with bars, hints used and your streak."""
    from dlquiz import catalog, render, workspace
    from dlquiz.store import streak

    ws = workspace.require()
    _, data = _progress_store(ws)
    render.progress_view(_out(), catalog.all_specs(), data, streak(data.get("active_days", [])))


@dev_app.command("check")
def dev_check(
    exercise: Optional[list[str]] = typer.Argument(None, metavar="[ID]...", help="Only these exercises."),
    seed: int = typer.Option(1, "--seed", help="Seed of the random cases."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallel runs (default: number of CPUs)."),
    tests_dir: Optional[Path] = typer.Option(None, "--tests", help="Folder holding mutants/ and alternatives/."),
    device: str = DeviceOpt,
) -> None:
    """Prove every exercise: spec valid, starter fails, reference passes, mutants fail, alternatives pass."""
    from dlquiz import devcheck

    raise typer.Exit(devcheck.main(exercise or [], seed=seed, jobs=jobs, tests_dir=tests_dir, device=device))


def main() -> None:
    """Console entry point: renders DlquizError as one message (exit 2); Ctrl-C exits 130."""
    try:
        app(prog_name="dlquiz")
    except DlquizError as exc:
        from dlquiz import render

        render.error(render.make_console(stderr=True), exc.message, exc.hint)
        sys.exit(exc.code)
    except SystemExit as exc:
        if exc.code == 130:  # Typer turns Ctrl-C into exit 130; children are already killed
            sys.stderr.write("\ninterrupted: stopped; your files and progress are intact.\n")
        raise


if __name__ == "__main__":
    main()
