"""`dlquiz check`: run every started exercise of the workspace in parallel, then summarize."""

from __future__ import annotations

import json
import os

import typer

from dlquiz import catalog, render, runner, sandbox, workspace, zygote
from dlquiz.errors import DlquizError
from dlquiz.store import Progress


def started(ws: workspace.Workspace, specs: list) -> tuple[list, list]:
    """(exercises whose file differs from the starter, untouched ones)."""
    mine, untouched = [], []
    for spec in specs:
        path = ws.file_for(spec)
        if path.is_file() and path.read_bytes() != spec.starter_path.read_bytes():
            mine.append(spec)
        else:
            untouched.append(spec)
    return mine, untouched


def main(*, device: str, jobs: int, json_out: bool) -> int:
    ws = workspace.require()
    specs = catalog.all_specs()
    todo, untouched = started(ws, specs)
    console = render.make_console()
    if not todo:
        if json_out:
            typer.echo(json.dumps({"format_version": 1, "results": [], "untouched": len(untouched)}))
        else:
            console.print("Nothing to check yet: every exercise file is still its starter. "
                          "Start with `dlquiz show " + (specs[0].id if specs else "ID") + "`.")
        return 0
    for spec in todo:
        if device not in spec.devices:
            raise DlquizError(f"{spec.id} does not run on {device}.")
    workers = jobs or os.cpu_count() or 2
    if not json_out:
        console.print(f"Checking {len(todo)} exercise(s) on {device}, {workers} at a time …", style="dim")

    warm = zygote.maybe_start()

    def one(spec):
        return spec, runner.run_exercise(spec, ws.file_for(spec), device=device, threads=1, zygote=warm)

    try:
        rows = sandbox.run_parallel(one, todo, workers)
    finally:
        if warm is not None:
            warm.close()
    config = [r for _, r in rows if runner.exit_code(r) == 2]
    if config:
        err = config[0].get("error") or {}
        raise DlquizError(err.get("message", "a run could not start"))
    store = Progress(ws.root)
    for spec, report in rows:
        store.record_run(spec.id, report["status"] == "pass", runner.learner_time(report))
    for w in store.warnings:
        render.warning(console, w)
    ok = all(r["status"] == "pass" for _, r in rows)
    if json_out:
        typer.echo(json.dumps({"format_version": 1, "untouched": len(untouched),
                               "results": [r for _, r in rows]}, ensure_ascii=False, indent=2))
    else:
        render.check_summary(console, rows)
        if untouched:
            console.print(f"{len(untouched)} exercise(s) not started yet (still the starter).", style="dim")
    return 0 if ok else 1
