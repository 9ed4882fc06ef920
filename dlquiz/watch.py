"""`dlquiz watch`: re-run the current exercise whenever its file is saved.

File events come from watchfiles (debounced, so an editor's burst of writes is one run).
If a save is seen by its modification time but no event arrived (network or container
filesystems), the watcher switches itself to polling and says so. Keys, read in cbreak
mode when stdin is a terminal: n next exercise, h hint, l list, q quit.
"""

from __future__ import annotations

import queue
import sys
import threading
from pathlib import Path

from dlquiz import catalog, render, runner, workspace, zygote
from dlquiz.errors import DlquizError
from dlquiz.spec import Spec
from dlquiz.store import Progress

DEBOUNCE_MS = 300
KEYS = "[n] next  [h] hint  [l] list  [r] re-run  [q] quit"


def _file_watcher(path: Path, events: "queue.Queue[tuple[str, str]]", stop: threading.Event, poll: bool) -> None:
    from watchfiles import watch

    last_mtime = path.stat().st_mtime_ns if path.exists() else 0
    polling = poll
    while not stop.is_set():
        restart = False
        for changes in watch(path.parent, debounce=DEBOUNCE_MS, stop_event=stop, force_polling=polling,
                             poll_delay_ms=300, yield_on_timeout=True, rust_timeout=1000,
                             raise_interrupt=False):
            mtime = path.stat().st_mtime_ns if path.exists() else 0
            hit = any(Path(p) == path for _, p in changes)
            if hit:
                last_mtime = mtime
                events.put(("change", str(path)))
            elif mtime != last_mtime and not polling:
                # The file changed but no event came for it: events do not work here.
                last_mtime = mtime
                polling = restart = True
                events.put(("notice", "file events did not arrive; switched to polling"))
                events.put(("change", str(path)))
                break
            elif mtime != last_mtime:
                last_mtime = mtime
                events.put(("change", str(path)))
        if not restart:
            return


def _key_reader(events: "queue.Queue[tuple[str, str]]", stop: threading.Event) -> None:
    import select
    import termios
    import tty

    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        while not stop.is_set():
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                ch = sys.stdin.read(1)
                if ch:
                    events.put(("key", ch.lower()))
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def _next_spec(specs: list[Spec], current: Spec, progress: dict) -> Spec:
    done = {k for k, v in progress.get("exercises", {}).items() if v.get("status") == "done"}
    ids = [s.id for s in specs]
    start = ids.index(current.id) if current.id in ids else -1
    for spec in specs[start + 1:] + specs[: start + 1]:
        if spec.id not in done and spec.id != current.id:
            return spec
    return current


def _pick(ex_id: str | None, specs: list[Spec], progress: dict) -> Spec:
    if ex_id:
        return catalog.get(ex_id)
    current = progress.get("current")
    if current and current in {s.id for s in specs}:
        return catalog.get(current)
    done = {k for k, v in progress.get("exercises", {}).items() if v.get("status") == "done"}
    for spec in specs:
        if spec.id not in done:
            return spec
    if not specs:
        raise DlquizError("there are no exercises to watch.")
    return specs[0]


def main(ex_id: str | None, *, device: str, poll: bool) -> None:
    ws = workspace.require()
    store = Progress(ws.root)
    specs = catalog.all_specs()
    spec = _pick(ex_id, specs, store.load())
    console = render.make_console()
    interactive = sys.stdin.isatty()
    warm = zygote.maybe_start()
    try:
        while True:
            spec = _session(ws, store, spec, specs, console, device=device, poll=poll, interactive=interactive,
                            warm=warm)
            if spec is None:
                return
    finally:
        if warm is not None:
            warm.close()


def _run_once(ws: workspace.Workspace, store: Progress, spec: Spec, console, device: str, warm) -> None:
    path, _ = ws.ensure_file(spec)
    console.clear()
    console.print(f"watching {render.rel(path)} · {KEYS}", style="dim", markup=False)
    with console.status(f"running {spec.id} …"):
        report = runner.run_exercise(spec, path, device=device, zygote=warm)
    if runner.exit_code(report) == 2:
        err = report.get("error") or {}
        render.error(console, err.get("message", "the run could not start"))
        return
    store.record_run(spec.id, report["status"] == "pass", runner.learner_time(report))
    render.verdict(console, report, next_line=f"Next: edit {render.rel(path)} and save; it re-runs by itself.")
    if report["status"] == "pass":
        console.print("Passed. Press n for the next exercise.", style="green")
    console.print(KEYS, style="dim", markup=False)


def _session(ws, store: Progress, spec: Spec, specs: list[Spec], console, *, device: str, poll: bool,
             interactive: bool, warm) -> Spec | None:
    """Watch one exercise; return the next one to watch, or None to quit."""
    path, _ = ws.ensure_file(spec)
    store.set_current(spec.id)
    events: "queue.Queue[tuple[str, str]]" = queue.Queue()
    stop = threading.Event()
    threads = [threading.Thread(target=_file_watcher, args=(path, events, stop, poll), daemon=True)]
    if interactive:
        threads.append(threading.Thread(target=_key_reader, args=(events, stop), daemon=True))
    for t in threads:
        t.start()
    try:
        _run_once(ws, store, spec, console, device, warm)
        while True:
            kind, value = events.get()
            if kind == "notice":
                render.warning(console, value)
            elif kind == "change":
                _drain(events)
                _run_once(ws, store, spec, console, device, warm)
            elif kind == "key":
                if value == "q":
                    return None
                if value == "n":
                    return _next_spec(specs, spec, store.load())
                if value == "r":
                    _run_once(ws, store, spec, console, device, warm)
                elif value == "h":
                    hints = spec.hints
                    render.hint(console, spec, store.next_hint(spec.id, len(hints)))
                elif value == "l":
                    render.exercise_list(console, specs, store.load())
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=2)  # the key reader restores the terminal mode on its way out


def _drain(events: "queue.Queue[tuple[str, str]]") -> None:
    """Drop further change events already queued: one run covers them all."""
    keep = []
    while True:
        try:
            item = events.get_nowait()
        except queue.Empty:
            break
        if item[0] != "change":
            keep.append(item)
    for item in keep:
        events.put(item)
