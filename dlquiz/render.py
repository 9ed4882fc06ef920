"""Every Rich view in one place. Functions take a Console so tests can render to a StringIO."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from dlquiz.spec import Spec
from dlquiz.topics import TOPICS

OK, BAD = "green", "red"
STATUS_STYLE = {"done": "green", "attempted": "yellow", "new": "dim"}
DIFFICULTY = {1: "easy", 2: "medium", 3: "hard"}
CASE_LABEL = {
    "fail": "wrong result", "error": "raised an exception", "forbidden": "forbidden call",
    "mutation": "modified an input", "exit": "exited", "oom": "out of memory", "crash": "crashed",
    "timeout": "timed out", "signature": "wrong signature",
}


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def rel(path: str | Path) -> str:
    """A path relative to the current folder when that is shorter."""
    try:
        r = os.path.relpath(path)
    except ValueError:
        return str(path)
    return r if not r.startswith("../..") else str(path)


# -- messages -----------------------------------------------------------------------------
def error(console: Console, message: str, hint: str | None = None) -> None:
    console.print(Text.assemble(("error: ", "bold red"), message))
    if hint:
        console.print(Text(hint, style="dim"))


def warning(console: Console, message: str) -> None:
    console.print(Text.assemble(("warning: ", "bold yellow"), message))


def success(console: Console, message: str) -> None:
    console.print(Text.assemble(("✓ ", "bold green"), message))


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def _num(x: Any) -> str:
    if isinstance(x, str):
        return x
    if x is None:
        return "—"
    if isinstance(x, float):
        if x == 0 or 1e-3 <= abs(x) < 1e4:
            return f"{x:.6g}"
        return f"{x:.3e}"
    return str(x)


def _index(ix: list[int] | None) -> str:
    return "[" + ", ".join(str(i) for i in (ix or [])) + "]"


# -- verdict ------------------------------------------------------------------------------
def verdict(console: Console, report: dict, *, next_line: str | None = None) -> None:
    """The verdict screen; `next_line` replaces the closing "Next: ..." advice."""
    ex = report.get("exercise", "?")
    where = f"{report.get('device', 'cpu')} · seed {report.get('seed')}"
    error = report.get("error")
    if error:
        _error_verdict(console, report, error, next_line)
        return
    cases = report.get("cases", [])
    failed = [c for c in cases if c.get("status") != "pass"]
    if not failed and report.get("status") == "pass":
        console.print(Text.assemble(("✓ ", "bold green"), (ex, "bold"),
                                    f" · all {len(cases)} cases passed · {where}"))
        _timing(console, report.get("timing"))
        _output(console, report)
        return
    if report.get("aborted"):
        head = "the run was cut short"
    else:
        head = f"{len(failed)} of {len(cases)} cases failed"
    console.print(Text.assemble(("✗ ", "bold red"), (ex, "bold"), f" · {head} · {where}"))
    console.print()
    _case_detail(console, failed[0], report)
    if len(failed) > 1:
        console.print()
        console.print(Text("Other failing cases:", style="bold"))
        same = [c for c in failed[1:] if _short(c) == _short(failed[0])]
        others = [c for c in failed[1:] if _short(c) != _short(failed[0])]
        if same:
            console.print(Text.assemble("  ✗ ", (f"{len(same)} more", "bold"), " with the same problem"))
        for c in others[:8]:
            console.print(Text.assemble("  ✗ ", (c["name"], "bold"), "  ", _short(c)))
        if len(others) > 8:
            console.print(Text(f"  … and {len(others) - 8} more", style="dim"))
    _output(console, report)
    learner = rel(report.get("learner_file", ""))
    console.print()
    advice = next_line or f"Next: edit {learner}, then run `dlquiz run {ex}`."
    console.print(Text(f"{advice} Same cases: --seed {report.get('seed')}; "
                       f"only this case: --case {failed[0]['name']}.", style="dim"))


def _short(c: dict) -> str:
    msg = c.get("message", "")
    label = CASE_LABEL.get(c.get("status", ""), c.get("status", ""))
    return f"{label}: {msg}" if c.get("status") != "fail" else msg


def _error_verdict(console: Console, report: dict, error: dict, next_line: str | None) -> None:
    ex = report.get("exercise", "?")
    console.print(Text.assemble(("✗ ", "bold red"), (ex, "bold"), " · ", error.get("message", "")))
    where = error.get("where")
    if where and not error.get("traceback"):
        console.print(Text(f"  at {rel(where['file'])}:{where['line']}", style="cyan"))
    if error.get("traceback") and error.get("kind") != "internal":
        console.print(Padding(Text(error["traceback"]), (0, 0, 0, 2)))
    elif error.get("traceback"):
        console.print(Padding(Text(error["traceback"], style="dim"), (0, 0, 0, 2)))
    if error.get("hint"):
        console.print(Text(f"  {error['hint']}", style="yellow"))
    _output(console, report)
    if error.get("kind") in ("syntax", "import", "missing"):
        console.print()
        advice = next_line or f"Next: fix {rel(report.get('learner_file', ''))}, then run `dlquiz run {ex}`."
        console.print(Text(advice, style="dim"))


_DTYPE_WORD = re.compile(r"\b(b?float\d+|u?int\d+|bool|complex\d+)\b")


def _case_detail(console: Console, c: dict, report: dict) -> None:
    status = c.get("status")
    title = Text.assemble(("✗ case ", "bold red"), (c["name"], "bold red"))
    if c.get("why"):
        title.append(f" — {c['why']}", style="italic")
    console.print(title)
    facts = [f"{k} {v}" for k, v in (c.get("inputs") or {}).items()]
    if facts:
        console.print(Text("  inputs  " + " · ".join(facts), style="dim"))
    # The case dtype says nothing when no input is a tensor (a tokenizer's words, a shape).
    tensors = not facts or any(_DTYPE_WORD.search(str(v)) for v in (c.get("inputs") or {}).values())
    dtype = f" · dtype {c.get('dtype') or '—'}" if tensors else ""
    console.print(Text(f"  device {report.get('device')}{dtype} · seed {report.get('seed')}", style="dim"))
    label = CASE_LABEL.get(status, status)
    m = c.get("mismatch")
    if m:
        _mismatch(console, m)
    else:
        console.print(Text.assemble(("  " + label + ": ", "bold red"), c.get("message", "")))
    for d in c.get("diagnosis") or []:
        console.print(Text.assemble(("  likely cause: ", "bold yellow"), d))
    where = c.get("where")
    if c.get("traceback") and status in ("error", "exit", "oom"):
        console.print(Padding(Text(c["traceback"]), (0, 0, 0, 4)))
    elif where:
        code = f"   {where['code']}" if where.get("code") else ""
        console.print(Text(f"  at {rel(where['file'])}:{where['line']} in {where.get('function', '?')}{code}",
                           style="cyan"))


def _mismatch(console: Console, m: dict) -> None:
    console.print(Text.assemble(("  " + m["path"] + ": ", "bold"), (m["message"], "red")))
    if m.get("kind") not in ("values", "nonfinite"):
        return
    if m.get("max_abs") is not None and m.get("max_abs_index") is not None:
        console.print(f"  max abs error {_num(m['max_abs'])} at {_index(m['max_abs_index'])}"
                      f"   allowed {_num(m['atol'])} + {_num(m['rtol'])}·|expected|")
        console.print(f"  max rel error {_num(m['max_rel'])} at {_index(m['max_rel_index'])}")
    worst = m.get("worst") or []
    if worst:
        t = Table(box=None, padding=(0, 2), show_edge=False, title_justify="left")
        t.add_column("index", style="cyan")
        t.add_column("expected", justify="right")
        t.add_column("got", justify="right", style="red")
        t.add_column("diff", justify="right")
        for w in worst:
            t.add_row(_index(w["index"]), _num(w["expected"]), _num(w["got"]), _num(w["diff"]))
        console.print(Text("  worst elements", style="bold"))
        console.print(Padding(t, (0, 0, 0, 2)))
    grid = m.get("grid")
    if grid:
        _grid(console, grid)
    mp = m.get("map")
    partial = mp and (mp["n_bad_rows"] < mp["rows"] or mp["n_bad_cols"] < mp["cols"] or m.get("share", 1) < 1)
    if mp and partial and (mp["rows"] > 1 or mp["cols"] > 1):
        _map(console, mp)


def _grid(console: Console, grid: dict) -> None:
    def cell(v: Any) -> str:
        return f"{v:.4g}" if isinstance(v, float) else str(v)

    def table(values: list, bad: list, style: str) -> Table:
        t = Table(box=None, show_header=False, padding=(0, 1), show_edge=False)
        for _ in values[0]:
            t.add_column(justify="right", no_wrap=True)
        for row, brow in zip(values, bad):
            t.add_row(*[Text(cell(v), style=style if b else "") for v, b in zip(row, brow)])
        return t

    where = f" (slice {_index(grid['slice'])}, last two dims)" if grid.get("slice") else ""
    width = max((len(cell(v)) for row in grid["expected"] + grid["got"] for v in row), default=1) + 1
    side_by_side = 2 * width * len(grid["expected"][0]) + 6 <= console.width
    exp_t = table(grid["expected"], grid["bad"], "bold")
    got_t = table(grid["got"], grid["bad"], "bold red")
    if side_by_side:
        console.print(Text(f"  expected | got{where}", style="bold"))
        outer = Table(box=None, show_header=False, padding=(0, 2), show_edge=False)
        outer.add_column(no_wrap=True)
        outer.add_column(no_wrap=True)
        outer.add_row(exp_t, got_t)
        console.print(Padding(outer, (0, 0, 0, 2)))
    else:
        console.print(Text(f"  expected{where}", style="bold"))
        console.print(Padding(exp_t, (0, 0, 0, 2)))
        console.print(Text("  got", style="bold"))
        console.print(Padding(got_t, (0, 0, 0, 2)))


def _map(console: Console, mp: dict) -> None:
    scale = ""
    if mp["row_step"] > 1 or mp["col_step"] > 1:
        scale = f", one cell = {mp['row_step']}×{mp['col_step']}"
    console.print(Text(f"  where they are (rows × cols of the last two dims, {mp['rows']}×{mp['cols']}{scale}; "
                       f"x = mismatch)", style="bold"))
    for line in mp["cells"]:
        console.print(Text("    " + line.replace(".", "·"), style="red"))
    rows = "all" if mp["n_bad_rows"] == mp["rows"] else f"{mp['n_bad_rows']} ({_list(mp['bad_rows'])})"
    cols = "all" if mp["n_bad_cols"] == mp["cols"] else f"{mp['n_bad_cols']} ({_list(mp['bad_cols'])})"
    console.print(Text(f"    rows with mismatches: {rows}; columns: {cols}", style="dim"))


def _list(xs: list[int]) -> str:
    return ", ".join(map(str, xs[:8])) + (", …" if len(xs) > 8 else "")


def _timing(console: Console, timing: dict | None) -> None:
    if not timing:
        return
    if timing.get("error"):
        console.print(Text(f"  (timing skipped: {timing['error']})", style="dim"))
        return
    mine, ref = timing["learner"]["median_s"], timing["reference"]["median_s"]
    ratio = mine / ref if ref else float("nan")
    if 0.95 <= ratio <= 1.05:
        rel_text, style = "about as fast as", ""
    elif ratio < 1:
        rel_text = f"{1 / ratio:.2f}× faster than" if ratio > 0 else "as fast as"
        style = "green"
    else:
        rel_text, style = f"{ratio:.2f}× slower than", ("yellow" if ratio > 2 else "")
    console.print(Text.assemble(
        "  time  yours ", (fmt_time(mine), "bold"), " · reference ", fmt_time(ref), "  ",
        (f"({rel_text} the reference)", style)))
    threads = f", {timing['threads']} CPU thread{'s' if timing['threads'] != 1 else ''}" if timing.get("threads") else ""
    console.print(Text(f"        case {timing['case']} ({timing.get('dtype', '')}{threads}), median of "
                       f"{timing['learner']['runs']} interleaved runs", style="dim"))


def _output(console: Console, report: dict) -> None:
    out = (report.get("stdout") or "").strip()
    if out:
        lines = out.splitlines()
        shown = "\n".join(lines[:20]) + (f"\n… {len(lines) - 20} more lines" if len(lines) > 20 else "")
        console.print(Panel(Text(shown), title="your code printed", title_align="left", border_style="dim"))
    err = (report.get("stderr") or "").strip()
    if err and report.get("status") != "pass":
        lines = err.splitlines()
        shown = "\n".join(lines[-15:])
        console.print(Panel(Text(shown), title="stderr (last lines)", title_align="left", border_style="dim"))


# -- catalog views ---------------------------------------------------------------------------
def exercise_list(console: Console, specs: list[Spec], progress: dict, lang: str = "en") -> None:
    """Exercises grouped by topic, one aligned line each (fits an 80-column terminal)."""
    records = progress.get("exercises", {})
    by_topic: dict[str, list[Spec]] = {}
    for spec in specs:
        by_topic.setdefault(spec.topic, []).append(spec)
    id_w = max([len(s.id) for s in specs] + [8])
    fixed = 4 + id_w + 2 + 2 + 7 + 10 + 8
    title_w = max(16, min(48, console.width - fixed))
    number = 0
    for topic, group in by_topic.items():
        done = sum(1 for s in group if records.get(s.id, {}).get("status") == "done")
        console.print(Text.assemble((TOPICS[topic], "bold magenta"), (f"  {done}/{len(group)} done", "dim")))
        for spec in group:
            number += 1
            rec = records.get(spec.id, {})
            status = rec.get("status", "new")
            title = spec.text(lang)[0]
            if cell_len(title) > title_w:
                title = set_cell_size(title, title_w - 1) + "…"
            console.print(Text.assemble(
                (f"{number:>3} ", "dim"), (f"{spec.id:<{id_w}}  ", "bold"), set_cell_size(title, title_w) + "  ",
                (f"{DIFFICULTY[spec.difficulty]:<7}", "dim"), (f"{status:<10}", STATUS_STYLE.get(status, "")),
                f"{fmt_time(rec.get('best_time_s')):>8}"), no_wrap=True, overflow="ellipsis")
        console.print()
    done = sum(1 for s in specs if records.get(s.id, {}).get("status") == "done")
    bar = ProgressBar(total=max(len(specs), 1), completed=done, width=30)
    row = Table.grid(padding=(0, 1))
    row.add_row(bar, Text(f"{done}/{len(specs)} exercises done"))
    console.print(row)


def show(console: Console, spec: Spec, path: Path | None, lang: str = "en") -> None:
    from rich.markdown import Markdown
    from rich.syntax import Syntax

    title, prompt, _ = spec.text(lang)
    head = f"{spec.id} · {TOPICS[spec.topic]} · {DIFFICULTY[spec.difficulty]} · {spec.kind}"
    console.print(Panel(Group(Text(title, style="bold"), Text(head, style="dim")), expand=False))
    console.print(Markdown(prompt))
    console.print()
    console.print(Text("Signature", style="bold"))
    console.print(Syntax(spec.signature, "python", theme="ansi_dark", background_color="default"))
    if spec.forbid:
        console.print(Text("Not allowed: " + ", ".join(spec.forbid), style="yellow"))
    if spec.requires:
        console.print(Text("Do first: " + ", ".join(spec.requires), style="dim"))
    if path is not None:
        console.print(Text(f"Your file: {rel(path)}   Test it: dlquiz run {spec.id}", style="cyan"))


def hint(console: Console, spec: Spec, index: int, lang: str = "en") -> None:
    from rich.markdown import Markdown

    hints = spec.text(lang)[2]
    last = index >= len(hints) - 1
    console.print(Panel(Markdown(hints[index]), title=f"hint {index + 1} of {len(hints)} · {spec.id}",
                        title_align="left", border_style="yellow"))
    if not last:
        console.print(Text(f"Run `dlquiz hint {spec.id}` again for the next one.", style="dim"))
    else:
        console.print(Text(f"That was the last hint. `dlquiz solution {spec.id} --force` shows the reference.",
                           style="dim"))


def solution(console: Console, spec: Spec, code: str) -> None:
    from rich.syntax import Syntax

    console.print(Text(f"Reference solution for {spec.id}", style="bold"))
    console.print(Syntax(code, "python", theme="ansi_dark", background_color="default", line_numbers=True))


def progress_view(console: Console, specs: list[Spec], progress: dict, streak: int) -> None:
    records = progress.get("exercises", {})
    table = Table(show_edge=False, header_style="bold")
    table.add_column("topic")
    table.add_column("done", justify="right")
    table.add_column("attempted", justify="right")
    table.add_column("", min_width=22)
    table.add_column("hints", justify="right")
    total_done = total_hints = 0
    for key, name in TOPICS.items():
        mine = [s for s in specs if s.topic == key]
        if not mine:
            continue
        done = sum(1 for s in mine if records.get(s.id, {}).get("status") == "done")
        tried = sum(1 for s in mine if records.get(s.id, {}).get("status") == "attempted")
        hints = sum(records.get(s.id, {}).get("hints_shown", 0) for s in mine)
        total_done += done
        total_hints += hints
        table.add_row(name, f"{done}/{len(mine)}", str(tried),
                      ProgressBar(total=len(mine), completed=done, width=20), str(hints))
    console.print(table)
    console.print(Text(f"{total_done}/{len(specs)} exercises done · {total_hints} hints used · "
                       f"streak {streak} day{'s' if streak != 1 else ''}", style="bold"))


def check_summary(console: Console, rows: list[tuple[Spec, dict]]) -> None:
    table = Table(show_edge=False, header_style="bold")
    table.add_column("exercise")
    table.add_column("result")
    table.add_column("cases", justify="right")
    table.add_column("time", justify="right")
    table.add_column("first problem")
    passed = 0
    for spec, report in rows:
        cases = report.get("cases", [])
        ok = report.get("status") == "pass"
        passed += ok
        n_pass = sum(1 for c in cases if c.get("status") == "pass")
        first = ""
        if report.get("error"):
            first = report["error"].get("message", "")
        elif not ok:
            bad = next((c for c in cases if c.get("status") != "pass"), None)
            if bad:
                first = f"{bad['name']}: {_short(bad)}"
        mine = (report.get("timing") or {}).get("learner", {}).get("median_s")
        table.add_row(spec.id, Text("pass", style=OK) if ok else Text("fail", style=BAD),
                      f"{n_pass}/{len(cases)}" if cases else "—", fmt_time(mine),
                      Text(first[:70], overflow="ellipsis"))
    console.print(table)
    console.print(Text(f"{passed}/{len(rows)} exercises pass", style="bold"))
