"""Startup and run-overhead figures for the core commands (prints numbers; not a test).

    python benchmarks/startup.py [--repeat 7]

Goals: `dlquiz --help` and `dlquiz list` under 0.3 s wall (torch never imported);
`dlquiz run softmax_grad` on CPU at most 0.7 s more than `python -c "import torch"`.
Commands are interleaved round by round so that machine noise hits them alike; medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], cwd: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    solution = str(ROOT / "solutions" / "softmax_grad.py")
    with tempfile.TemporaryDirectory() as tmp:
        ws = os.path.join(tmp, "ws")
        subprocess.run([py, "-m", "dlquiz", "init", ws], check=True, stdout=subprocess.DEVNULL)
        commands = {
            "dlquiz --help": [py, "-m", "dlquiz", "--help"],
            "dlquiz list": [py, "-m", "dlquiz", "list"],
            'python -c "import torch"': [py, "-c", "import torch"],
            "dlquiz run softmax_grad (CPU)": [py, "-m", "dlquiz", "run", "softmax_grad", "--solution", solution],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, ws))
    med = {k: statistics.median(v) for k, v in times.items()}
    width = max(map(len, med))
    print(f"median wall time over {args.repeat} interleaved rounds ({os.cpu_count()} CPUs)")
    for name, t in med.items():
        print(f"  {name:<{width}}  {t:6.3f} s")
    overhead = med["dlquiz run softmax_grad (CPU)"] - med['python -c "import torch"']
    print(f"  run overhead over import torch: {overhead:+.3f} s (goal ≤ 0.700 s)")
    print(f"  --help: {med['dlquiz --help']:.3f} s (goal < 0.3 s); list: {med['dlquiz list']:.3f} s (goal < 0.3 s)")


if __name__ == "__main__":
    main()
