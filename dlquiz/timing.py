"""One timing core for `run` (and later `bench`), CPU and CUDA.

Rules, after torch.utils.benchmark and triton.testing.do_bench: warm up first (the first
call pays for allocation, lazy init and caches); synchronize the device before reading the
clock (CUDA kernels are asynchronous, so an unsynchronized clock measures only the launch);
report the median, which ignores the odd slow run caused by the OS; interleave the two
callables being compared so that drift in clock speed or load hits both alike.
"""

from __future__ import annotations

import statistics
import time
from typing import Callable

import torch


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def measure_pair(fa: Callable[[], object], fb: Callable[[], object], device: str,
                 budget_s: float = 0.15, min_runs: int = 5, max_runs: int = 200) -> tuple[dict, dict]:
    """Median (and IQR) seconds per call of fa and fb, runs interleaved a, b, a, b ..."""
    for f in (fa, fb):  # warm-up
        f()
    _sync(device)
    ta: list[float] = []
    tb: list[float] = []
    start = time.perf_counter()
    while len(ta) < max_runs and (len(ta) < min_runs or time.perf_counter() - start < budget_s):
        for f, out in ((fa, ta), (fb, tb)):
            _sync(device)
            t0 = time.perf_counter()
            f()
            _sync(device)
            out.append(time.perf_counter() - t0)
    return _summary(ta), _summary(tb)


def _summary(ts: list[float]) -> dict:
    ts = sorted(ts)
    q = statistics.quantiles(ts, n=4) if len(ts) >= 2 else [ts[0], ts[0], ts[0]]
    return {"median_s": statistics.median(ts), "iqr_s": q[2] - q[0], "runs": len(ts), "min_s": ts[0]}
