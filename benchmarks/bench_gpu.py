"""The GPU table of issue 4: `dlquiz bench attention` at float16 on this GPU, next to
`triton.testing.do_bench` on the same sizes (prints numbers; not a test).

    python benchmarks/bench_gpu.py [--out DIR] [--dtype float16] [--budget 1.0] [--sizes L512,L1024]

1. Runs `dlquiz bench attention --solution solutions/attention.py --device cuda --dtype float16
   --json --csv DIR/attention_float16.csv` (the reference solution stands in for the learner,
   so "yours" = the naive reference and `vs builtin` is F.scaled_dot_product_attention's
   speedup inverted), saves the JSON and prints the usual table.
2. If triton is installed, times the reference and F.scaled_dot_product_attention on the same
   inputs with triton.testing.do_bench (its own L2 flush, 25 ms warm-up, 100 ms of repeats;
   median and 20 %/80 % quantiles) and prints a Markdown table: per size, the dlquiz median
   and IQR/median next to do_bench's median and the ratio of the two, plus the environment
   (GPU, torch, TF32 flags). Also written to DIR/attention_float16.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = "attention"


def run_dlquiz(out: Path, dtype: str, budget: float, sizes: str | None) -> dict:
    csv_path = out / f"{EXERCISE}_{dtype}.csv"
    cmd = [sys.executable, "-m", "dlquiz", "bench", EXERCISE, "--solution", str(ROOT / "solutions" / f"{EXERCISE}.py"),
           "--device", "cuda", "--dtype", dtype, "--budget", str(budget), "--json", "--csv", str(csv_path)]
    if sizes:
        cmd += ["--sizes", sizes]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, COLUMNS="160"))
    if proc.returncode not in (0, 1):
        sys.exit(f"dlquiz bench failed (exit {proc.returncode}):\n{proc.stderr}")
    result = json.loads(proc.stdout)
    (out / f"{EXERCISE}_{dtype}.json").write_text(proc.stdout, encoding="utf-8")
    return result


def show_table(result: dict) -> None:
    from rich.console import Console

    from dlquiz import benchview

    benchview.bench(Console(width=160, highlight=False), result)


def do_bench_rows(result: dict, dtype_name: str) -> list[dict]:
    """do_bench medians of the reference and the built-in on each size's bench inputs."""
    try:
        import triton.testing
    except ImportError:
        print("\ntriton is not installed here: no do_bench comparison.")
        return []
    import torch
    import torch.nn.functional as F

    from dlquiz.caselib import generator

    def load(name: str, path: Path):
        spec = importlib.util.spec_from_file_location(name, str(path))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    cases = load("bench_cases", ROOT / "exercises" / EXERCISE / "cases.py")
    reference = load("bench_reference", ROOT / "solutions" / f"{EXERCISE}.py").scaled_dot_product_attention
    dtype = getattr(torch, dtype_name)
    rows = []
    for row in result["rows"]:
        if row["status"] != "ok":
            continue
        gen = generator(zlib.crc32(f"bench:{EXERCISE}:{row['size']}".encode()))  # as bench_worker seeds it
        q, k, v = cases.bench_inputs(dict(row["values"]), dtype, "cuda", gen)["args"]
        out = {"size": row["size"]}
        for name, fn in (("learner", lambda: reference(q, k, v)),
                         ("builtin", lambda: F.scaled_dot_product_attention(q, k, v))):
            med, lo, hi = triton.testing.do_bench(fn, quantiles=[0.5, 0.2, 0.8])
            out[name] = {"median_s": med / 1e3, "q20_s": lo / 1e3, "q80_s": hi / 1e3}
        rows.append(out)
        del q, k, v
        torch.cuda.empty_cache()
    return rows


def markdown(result: dict, triton_rows: list[dict]) -> str:
    env = result.get("env") or {}
    by_size = {r["size"]: r for r in triton_rows}
    lines = [f"GPU {env.get('device_name')} · torch {env.get('torch')} · CUDA {env.get('cuda')} · "
             f"{result['dtype']} · TF32 matmul {env.get('tf32_matmul')} · peak source: "
             f"{(result.get('peak') or {}).get('source')}", "",
             "| size | impl | dlquiz median (ms) | IQR/median | TFLOP/s | % peak | GB/s | peak mem (MiB) "
             "| do_bench median (ms) [q20, q80] | dlquiz / do_bench |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in result["rows"]:
        if row["status"] != "ok":
            lines.append(f"| {row['size']} | — | {row['status']}: {row['message']} |||||||||")
            continue
        for name, t in row["impls"].items():
            tb = by_size.get(row["size"], {}).get(name)
            tflops = (t.get("flops_per_s") or 0) / 1e12
            gbps = (t.get("bytes_per_s") or 0) / 1e9
            pct = t.get("pct_peak_flops")
            mem = t.get("peak_mem_bytes")
            db = (f"{tb['median_s'] * 1e3:.3f} [{tb['q20_s'] * 1e3:.3f}, {tb['q80_s'] * 1e3:.3f}]" if tb else "—")
            ratio = f"{t['median_s'] / tb['median_s']:.3f}" if tb else "—"
            lines.append(f"| {row['size']} | {'reference (as learner)' if name == 'learner' else name} "
                         f"| {t['median_s'] * 1e3:.3f} | {100 * t['spread']:.1f}% | {tflops:.1f} "
                         f"| {'—' if pct is None else f'{pct:.1f}%'} | {gbps:.0f} "
                         f"| {'—' if mem is None else f'{mem / 2**20:.0f}'} | {db} | {ratio} |")
    g = result.get("geomean_speedup") or {}
    if g:
        lines += ["", "geometric-mean speedup of the naive reference: "
                  + ", ".join(f"{x:.3f}× vs {k}" for k, x in g.items())]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("OUT", ROOT / "bench-out")))
    parser.add_argument("--dtype", default="float16")
    parser.add_argument("--budget", type=float, default=1.0)
    parser.add_argument("--sizes", default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    result = run_dlquiz(args.out, args.dtype, args.budget, args.sizes)
    show_table(result)
    text = markdown(result, do_bench_rows(result, args.dtype))
    (args.out / f"{EXERCISE}_{args.dtype}.md").write_text(text, encoding="utf-8")
    print()
    print(text)


if __name__ == "__main__":
    main()
