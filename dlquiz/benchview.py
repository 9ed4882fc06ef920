"""The `dlquiz bench` screen: the sweep table, a bar chart and the footer.

Kept next to render.py (whose helpers it uses) rather than inside it, so the bench view
changes without touching the verdict screens.
"""

from __future__ import annotations

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from dlquiz.bench import BASELINE_ORDER, NOISY
from dlquiz.render import CASE_LABEL, fmt_time, warning

BAR = 36
# A size's status in the words of a run's verdict; a size is "incorrect" where a case "fails",
# and "error" keeps the row short (its message names the exception).
LABELS = {**CASE_LABEL, "incorrect": "incorrect", "error": "error", "ok": "ok"}
SHOWN = {"learner": "yours"}
SHORT = {"reference": "ref", "compiled": "compile"}
SHAPE_MIN = 16  # narrowest the shape column may fold to


def rate(value: float | None, unit: str) -> str:
    if not value:
        return "—"
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:.3g} {prefix}{unit}"
    return f"{value:.3g} {unit}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}%"


def _mem(n: int | None) -> str:
    if n is None:
        return "—"
    for scale, unit in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def _values(values: dict) -> str:
    return " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items())


def header(console: Console, result: dict) -> None:
    env = result.get("env") or {}
    threads = env.get("threads")
    bits = [result["device"], result["dtype"]]
    if result["device"] == "cpu" and threads:
        bits.append(f"{threads} thread" + ("s" if threads != 1 else ""))
    if env.get("torch"):
        bits.append(f"torch {env['torch']}")
    if env.get("device_name"):
        bits.append(env["device_name"])
    if result["device"] == "cuda":
        bits.append(f"TF32 matmul {'on' if env.get('tf32_matmul') else 'off'}")
    console.print(Text.assemble(("bench ", "bold"), (result["exercise"], "bold"), " · " + " · ".join(bits)))
    peak = result.get("peak") or {}
    if peak.get("flops_per_s") or peak.get("bytes_per_s"):
        console.print(f"peak: {rate(peak.get('flops_per_s'), 'FLOP/s')}, {rate(peak.get('bytes_per_s'), 'B/s')} "
                      f"({peak.get('source')})", style="dim")


def _table(result: dict, *, shape: str, rates: tuple[str, ...], stacked: bool = False) -> Table:
    """The sweep table with the shape column ("full", "fold": at most SHAPE_MIN wide, or ""),
    the rate columns named in `rates`, and (stacked) two-line headers. A size that was not
    timed says why in its time cell."""
    rows = result["rows"]
    baselines = [b for b in BASELINE_ORDER if any(b in r.get("impls", {}) for r in rows)]
    sep = "\n" if stacked else " "
    mem = any(t.get("peak_mem_bytes") is not None for r in rows for t in r.get("impls", {}).values())
    t = Table(box=None, pad_edge=False, header_style="bold")
    t.add_column("size", no_wrap=True)
    if shape:  # the one column that may wrap: a long shape folds onto more lines
        t.add_column("shape", min_width=SHAPE_MIN if shape == "fold" else None,
                     max_width=SHAPE_MIN if shape == "fold" else None, overflow="fold")
    t.add_column("time", justify="right", no_wrap=True)
    t.add_column("IQR", justify="right", no_wrap=True)
    for kind in rates:
        t.add_column("FLOP/s" if kind == "flops" else "B/s", justify="right", no_wrap=True)
        t.add_column("%peak", justify="right", no_wrap=True)
    for b in baselines:
        t.add_column(f"vs{sep}{SHORT.get(b, b)}", justify="right", no_wrap=True)
    if mem:
        t.add_column(f"peak{sep}mem", justify="right", no_wrap=True)
    for r in rows:
        mine = r.get("impls", {}).get("learner") or {}
        if r["status"] != "ok" or not mine.get("median_s"):
            label = LABELS.get(r["status"], r["status"]) if r["status"] != "ok" else "not timed"
            cells = [Text(label, style="red"), *(["—"] * (1 + 2 * len(rates) + len(baselines)))]
            if mem:
                cells.append("—")
        else:
            spread = mine.get("spread", 0)
            iqr = Text(f"{100 * spread:.1f}%" + (" ⚠" if spread > NOISY else ""),
                       style="yellow" if spread > NOISY else "")
            cells = [fmt_time(mine["median_s"]), iqr]
            for kind in rates:
                cells += [rate(mine.get(f"{kind}_per_s"), ""), _pct(mine.get(f"pct_peak_{kind}"))]
            for b in baselines:
                x = r.get("speedup", {}).get(b)
                cells.append(Text(f"{x:.2f}×", style="green" if x >= 1 else "") if x else Text("—"))
            if mem:
                cells.append(_mem(mine.get("peak_mem_bytes")))
        t.add_row(r["size"], *([_values(r["values"])] if shape else []), *cells)
    return t


def table(console: Console, result: dict) -> None:
    """The fullest layout that fits the terminal without cutting a number short: all
    columns; then the shapes folded onto more lines; then without bytes/s (the JSON and
    CSV keep every figure); then the shapes listed under the table; then FLOP/s dropped
    too; then two-line headers."""
    rows = result["rows"]
    has = [k for k in ("flops", "bytes") if any(r.get(k) for r in rows)] or ["flops", "bytes"]
    layouts = [("full", tuple(has), False), ("fold", tuple(has), False), ("fold", tuple(has[:1]), False),
               ("", tuple(has[:1]), False), ("", (), False), ("", (), True)]
    for shape, rates, stacked in layouts:
        t = _table(result, shape=shape, rates=rates, stacked=stacked)
        # measured unclamped: Measurement.get caps what it reports at the options' width
        if Measurement.get(console, console.options.update_width(1 << 16), t).maximum <= console.width:
            break
    console.print(t)
    if not shape:
        width = max(len(r["size"]) for r in rows)
        for r in rows:
            console.print(Text(f"{r['size']:<{width}}  {_values(r['values'])}", style="dim"))


def chart(console: Console, result: dict) -> None:
    """Bars per size for every implementation: FLOP/s when the spec has a FLOP formula,
    else bytes/s, else time (longer is better for rates, shorter for time)."""
    rows = [r for r in result["rows"] if r["status"] == "ok" and r.get("impls")]
    if not rows:
        return
    key, unit = ("flops_per_s", "FLOP/s") if rows[0].get("flops") else (
        ("bytes_per_s", "B/s") if rows[0].get("bytes") else ("median_s", "s"))
    top = max((t.get(key) or 0) for r in rows for t in r["impls"].values()) or 1
    console.print()
    console.print(Text(f"{'throughput' if key != 'median_s' else 'time'} ({unit}) by size", style="bold"))
    names = ["learner"] + [b for b in BASELINE_ORDER if any(b in r["impls"] for r in rows)]
    width = max(len(r["size"]) for r in rows)
    for r in rows:
        for i, name in enumerate(names):
            t = r["impls"].get(name)
            if t is None:
                continue
            value = t.get(key) or 0
            n = max(1, round(BAR * value / top)) if value else 0
            label = fmt_time(value) if key == "median_s" else rate(value, unit)
            line = Text(f"{r['size'] if i == 0 else '':<{width}}  {SHOWN.get(name, name):<9} ")
            line.append("█" * n, style="cyan" if name == "learner" else "dim")
            line.append(f" {label}")
            console.print(line)


def footer(console: Console, result: dict) -> None:
    rows = result["rows"]
    g = result.get("geomean_speedup") or {}
    timed = sum(1 for r in rows if r.get("speedup"))
    console.print()
    if g:
        parts = [f"{x:.2f}× vs {name}" for name, x in g.items()]
        console.print(Text.assemble(("geometric-mean speedup", "bold"), f" over {timed} size"
                                    + ("s" if timed != 1 else "") + ": " + " · ".join(parts)))
        console.print("speedup = baseline time / your time (above 1: yours is faster); time = median, "
                      "IQR = interquartile range / median", style="dim")
    for r in rows:
        if r["status"] != "ok":
            console.print(Text.assemble((f"{r['size']}: {LABELS.get(r['status'], r['status'])}", "red"),
                                        f" — {r['message']}" if r.get("message") else ""))
    errors = {}
    for r in rows:
        for name, msg in r.get("baseline_errors", {}).items():
            errors.setdefault(name, msg)
    for name, msg in errors.items():
        warning(console, f"baseline {name} skipped: {msg}")
    noisy = [f"{r['size']}: {', '.join(SHOWN.get(n, n) for n in r['noisy'])}" for r in rows if r.get("noisy")]
    if noisy:
        warning(console, f"noisy timings ({'; '.join(noisy)}): IQR/median above {NOISY:.0%}; close other "
                         "programs or raise --budget, then run again.")
    if result.get("stopped", "").startswith("NotImplementedError"):
        console.print(f"The sweep stopped: your `{result.get('entry', result['exercise'])}` still raises "
                      "NotImplementedError, as the starter does; write it first.")
    elif result.get("stopped"):
        console.print("The sweep stopped: your file cannot run at all, so every size would fail alike.")
    bad = {r["status"] for r in rows} - {"ok"}
    if bad - {"oom", "timeout"}:
        console.print(f"Next: make `dlquiz run {result['exercise']}` pass, then bench again.")
    elif bad:
        console.print("Next: cut what your code allocates (or computes) at those sizes, then bench again.")
    if result.get("interrupted"):
        console.print(f"Interrupted: the rows above are the {len(rows)} size"
                      + ("s" if len(rows) != 1 else "") + " that finished.", style="yellow")


def bench(console: Console, result: dict) -> None:
    header(console, result)
    table(console, result)
    chart(console, result)
    footer(console, result)
