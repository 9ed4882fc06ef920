"""`dlquiz bench`: sweep the sizes of an exercise's `bench:` section (parent side, no torch).

Each size runs as one sandboxed job (bench_worker.py: check, time, check again); this module
turns the jobs' reports into rows: achieved FLOP/s and bytes/s from the spec's formulas,
% of the device's peak (peaks.py, or a measured roofline), the learner's speedup against
each baseline, their geometric mean over the sizes, and JSON / CSV export.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
from pathlib import Path
from typing import Callable

from dlquiz import FORMAT_VERSION, formula, peaks
from dlquiz.errors import DlquizError
from dlquiz.spec import DTYPES, BenchSize, Spec

NOISY = 0.10           # IQR / median above this gets a warning
FATAL = ("import", "syntax", "missing")   # the learner's file is unusable: every size would fail alike
BASELINE_ORDER = ("reference", "builtin", "compiled")


def select_sizes(spec: Spec, device: str, names: str | None) -> list[BenchSize]:
    bench = spec.bench
    sweep = list(bench.sweep(device))
    if not names:
        return sweep
    known = {s.name: s for s in (*bench.sizes, *bench.cpu_sizes)}
    here = [s.name for s in sweep]
    elsewhere = [n for n in known if n not in here]
    out = []
    for name in (n.strip() for n in names.split(",") if n.strip()):
        if name not in known:
            hint = f"Sizes on {device}: {', '.join(here)}"
            if elsewhere:
                hint += f"; on {'cuda' if device == 'cpu' else 'cpu'}: {', '.join(elsewhere)}"
            raise DlquizError(f"{spec.id} has no bench size named {name!r}.", hint=hint + ".")
        out.append(known[name])
    return out


def check_options(spec: Spec, device: str, dtype: str) -> None:
    if spec.bench is None:
        from dlquiz import catalog

        have = [s.id for s in catalog.all_specs() if s.bench is not None]
        raise DlquizError(f"{spec.id} has no bench section, so there is nothing to sweep.",
                          hint="Exercises with one: " + ", ".join(have) + ".")
    from dlquiz.runner import check_device

    check_device(spec, device)
    if dtype not in DTYPES:
        raise DlquizError(f"unknown dtype {dtype!r}.", hint="Use --dtype " + ", ".join(DTYPES) + ".")


def job_for(spec: Spec, learner: Path, size: BenchSize, *, device: str, dtype: str, budget_s: float,
            threads: int | None, compile_: bool, probe: bool) -> dict:
    from dlquiz import catalog

    return {
        "mode": "bench", "exercise": spec.id, "exercise_dir": str(spec.directory),
        "reference": str(catalog.solution_path(spec.id)), "learner": str(learner), "device": device,
        "dtype": dtype, "size": {"name": size.name, "values": size.values}, "seed": 0,
        "threads": threads, "budget_s": budget_s, "compile": compile_, "probe": probe,
        "memory_mb": spec.bench.memory_mb or spec.memory_mb,
        # On a GPU the sizes are meant to fill it: capped only where the bench section says so.
        "gpu_memory_mb": spec.bench.memory_mb,
    }


def row_from_report(report: dict, size: BenchSize) -> dict:
    """A sweep row from a bench job's report, or from the sandbox's report of a dead child."""
    row = {"size": size.name, "values": dict(size.values), "status": report.get("status", "error"),
           "message": report.get("message", ""), "impls": dict(report.get("impls") or {}),
           "baseline_errors": dict(report.get("baseline_errors") or {})}
    if report.get("aborted"):  # timeout, kill (out of memory), segfault, os._exit
        case = (report.get("cases") or [{}])[0]
        row["status"] = case.get("status", "crash")
        row["message"] = case.get("message", "")
    elif report.get("error"):
        row["status"], row["message"] = "error", report["error"].get("message", "")
    return row


def derive(row: dict, spec: Spec, dtype: str, peak: dict) -> dict:
    """Add FLOP/s, bytes/s, % of peak, noise and speedups to a row (in place; returned)."""
    elem = {"float16": 2, "bfloat16": 2, "float32": 4, "float64": 8}[dtype]
    env = {**row["values"], formula.ELEM: elem}
    row["flops"] = formula.evaluate(spec.bench.flops, env) if spec.bench.flops else None
    row["bytes"] = formula.evaluate(spec.bench.bytes, env) if spec.bench.bytes else None
    for t in row["impls"].values():
        median = t.get("median_s")
        if not median:
            continue
        t["spread"] = t["iqr_s"] / median
        t["flops_per_s"] = row["flops"] / median if row["flops"] else None
        t["bytes_per_s"] = row["bytes"] / median if row["bytes"] else None
        t["pct_peak_flops"] = _pct(t["flops_per_s"], peak.get("flops_per_s"))
        t["pct_peak_bytes"] = _pct(t["bytes_per_s"], peak.get("bytes_per_s"))
    mine = row["impls"].get("learner", {}).get("median_s")
    row["speedup"] = {name: t["median_s"] / mine for name, t in row["impls"].items()
                      if name != "learner" and mine and t.get("median_s")}
    row["noisy"] = [name for name, t in row["impls"].items() if t.get("spread", 0) > NOISY]
    return row


def _pct(value: float | None, peak: float | None) -> float | None:
    return 100 * value / peak if value and peak else None


def geomean(rows: list[dict]) -> dict:
    """Geometric mean of the learner's speedup against each baseline over the timed sizes
    (the mean of ratios that treats 2× faster and 2× slower symmetrically)."""
    out = {}
    for name in BASELINE_ORDER:
        xs = [r["speedup"][name] for r in rows if name in r.get("speedup", {})]
        if xs:
            out[name] = math.exp(sum(math.log(x) for x in xs) / len(xs))
    return out


def sweep(spec: Spec, learner: Path, sizes: list[BenchSize], *, device: str, dtype: str, budget_s: float,
          threads: int | None, compile_: bool, result: dict,
          on_event: Callable[[str, dict], None] | None = None) -> None:
    """Run one sandboxed job per size, appending rows to result["rows"] as they finish (so
    an interrupted sweep leaves the finished rows in `result`). Raises DlquizError for
    configuration problems (no CUDA, a broken cases.py) and KeyboardInterrupt on Ctrl-C."""
    from dlquiz import zygote as zygote_mod
    from dlquiz.runner import sandboxed

    extra = 4 * budget_s * (4 if compile_ else 3) + (180 if compile_ else 0)
    started = zygote_mod.maybe_start()
    with contextlib.closing(started) if started is not None else contextlib.nullcontext() as warm:
        for i, size in enumerate(sizes):
            job = job_for(spec, learner, size, device=device, dtype=dtype, budget_s=budget_s, threads=threads,
                          compile_=compile_, probe=(i == 0))
            if on_event:
                on_event("size", {"index": i, "total": len(sizes), "name": size.name})
            kwargs = dict(timeout_s=spec.timeout_s + extra + (30 if i == 0 else 0), memory_mb=job["memory_mb"],
                          on_event=(lambda e: on_event(e.get("event", ""), {"name": size.name}))
                          if on_event else None)
            report, warm = sandboxed(job, zygote=warm, **kwargs)
            error = report.get("error") or {}
            if error.get("kind") in ("config", "internal"):
                msg = error.get("message", "the bench could not start").rstrip(".")
                raise DlquizError(msg + ".", hint=error.get("traceback") if error.get("kind") == "internal" else None)
            for key in ("env", "roofline"):
                if report.get(key) and key not in result:
                    result[key] = report[key]
            row = row_from_report(report, size)
            result["rows"].append(row)
            if error.get("kind") in FATAL or row["message"].startswith("NotImplementedError"):
                result["stopped"] = row["message"]  # every size would fail alike
                break


def finish(result: dict, spec: Spec, dtype: str) -> dict:
    """Peak, derived metrics and geometric means, once the rows are in."""
    env = result.get("env") or {"device": result["device"], "dtype": dtype}
    result["peak"] = peaks.peak(env, result.get("roofline"))
    for row in result["rows"]:
        derive(row, spec, dtype, result["peak"])
    result["geomean_speedup"] = geomean(result["rows"])
    return result


def exit_code(result: dict) -> int:
    if result.get("interrupted"):
        return 130
    return 0 if result["rows"] and all(r["status"] == "ok" for r in result["rows"]) else 1


def to_json(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False, default=str)


CSV_FIELDS = ("exercise", "size", "values", "impl", "status", "median_s", "iqr_s", "spread", "runs",
              "flops_per_s", "bytes_per_s", "pct_peak_flops", "pct_peak_bytes", "learner_speedup",
              "peak_mem_bytes", "device", "device_name", "dtype", "threads", "torch", "tf32_matmul",
              "tf32_cudnn", "message")


def write_csv(result: dict, path: Path) -> None:
    """One line per size and implementation, each carrying the environment."""
    env = result.get("env") or {}
    try:
        f = open(path, "w", newline="", encoding="utf-8")
    except OSError as exc:
        raise DlquizError(f"cannot write {path}: {exc.strerror}.", hint="Pass --csv a file in a folder that exists.")
    with f:
        w = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        w.writeheader()
        for row in result["rows"]:
            impls = row["impls"] or {"learner": {}}
            for name, t in impls.items():
                w.writerow({
                    "exercise": result["exercise"], "size": row["size"], "values": json.dumps(row["values"]),
                    "impl": name, "status": row["status"], "median_s": t.get("median_s"), "iqr_s": t.get("iqr_s"),
                    "spread": t.get("spread"), "runs": t.get("runs"), "flops_per_s": t.get("flops_per_s"),
                    "bytes_per_s": t.get("bytes_per_s"), "pct_peak_flops": t.get("pct_peak_flops"),
                    "pct_peak_bytes": t.get("pct_peak_bytes"),
                    "learner_speedup": row.get("speedup", {}).get(name) if name != "learner" else None,
                    "peak_mem_bytes": t.get("peak_mem_bytes"), "device": result["device"],
                    "device_name": env.get("device_name"), "dtype": result["dtype"], "threads": env.get("threads"),
                    "torch": env.get("torch"), "tf32_matmul": env.get("tf32_matmul"),
                    "tf32_cudnn": env.get("tf32_cudnn"), "message": row["message"],
                })


def main(ex_id: str, solution: Path | None, *, device: str, dtype: str, sizes: str | None, compile_: bool,
         json_out: bool, csv_path: Path | None, budget_s: float | None, threads: int | None) -> int:
    """The bench command: validate, sweep (Ctrl-C keeps finished rows), report; an exit code."""
    import sys

    from dlquiz import benchview, catalog, render, workspace

    spec = catalog.get(ex_id)
    check_options(spec, device, dtype)
    chosen = select_sizes(spec, device, sizes)
    if solution is not None:
        learner = solution.expanduser().resolve()
        if not learner.is_file():
            raise DlquizError(f"{learner} does not exist.",
                              hint=f"Pass the path of a Python file defining `{spec.entry}`.")
    else:
        learner, _ = workspace.require().ensure_file(spec)
    if csv_path is not None and not csv_path.expanduser().resolve().parent.is_dir():
        raise DlquizError(f"cannot write {csv_path}: its folder does not exist.",
                          hint="Pass --csv a file in a folder that exists.")
    if budget_s is None:
        budget_s = 1.0 if device == "cuda" else 0.5
    if threads is None and device == "cpu":
        threads = 1  # torch.utils.benchmark.Timer's default: one thread, stable and comparable
    result = {"format_version": FORMAT_VERSION, "exercise": spec.id, "entry": spec.entry, "learner_file": str(learner),
              "device": device, "dtype": dtype, "budget_s": budget_s, "compile": compile_, "rows": [],
              "interrupted": False}
    status_cm = None
    if not json_out and sys.stderr.isatty():
        from rich.console import Console

        status_cm = Console(stderr=True).status(f"bench {spec.id} …")
    try:
        if status_cm:
            status_cm.start()

        def on_event(kind: str, info: dict) -> None:
            if status_cm and kind == "size":
                status_cm.update(f"bench {spec.id}: size {info['index'] + 1}/{info['total']} {info['name']}")
            elif status_cm and kind == "timing":
                status_cm.update(f"bench {spec.id}: timing {info['name']} …")

        sweep(spec, learner, chosen, device=device, dtype=dtype, budget_s=budget_s, threads=threads,
              compile_=compile_, result=result, on_event=on_event)
    except KeyboardInterrupt:
        result["interrupted"] = True
    finally:
        if status_cm:
            status_cm.stop()
    finish(result, spec, dtype)
    if csv_path is not None:
        write_csv(result, csv_path)
    if json_out:
        print(to_json(result))
    else:
        benchview.bench(render.make_console(), result)
        if csv_path is not None:
            render.make_console().print(f"Wrote {render.rel(csv_path)}.", style="dim")
    return exit_code(result)
