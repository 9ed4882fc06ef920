"""One timing core for `run` and `bench`, CPU and CUDA.

`run` times the learner next to the reference with measure_pair (a quick figure after a
pass); `bench` uses measure(): blocked timing on the CPU (measure_cpu) and CUDA events with
L2 flushes on a GPU (measure_cuda), each callable interleaved with the others.

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


# -- bench: many callables, blocked CPU timing, CUDA events ----------------------------------
FLUSH_BYTES = 256 << 20  # larger than any L2 to date (H100/H200: 50 MB, B200: 126 MB)


def spread(summary: dict) -> float:
    """IQR / median: the noise measure bench reports (and warns about above 10 %)."""
    return summary["iqr_s"] / summary["median_s"] if summary.get("median_s") else float("inf")


def _done(samples: dict[str, list[float]], start: float, budget_s: float, min_runs: int, max_runs: int,
          target_spread: float) -> bool:
    """Stop rule, after the GPU MODE harness (reference-kernels eval.py): run until the noise
    is small or the time budget is spent, never fewer than min_runs, never more than max_runs."""
    n = min(len(v) for v in samples.values())
    if n < min_runs:
        return False
    if n >= max_runs or time.perf_counter() - start >= budget_s:
        return True
    return all(spread(_summary(v)) <= target_spread for v in samples.values())


def _rotated(fns: dict, k: int) -> list:
    """The callables in round k's order: a b c, then b c a, then c a b ... Interleaving keeps
    drift from favouring one callable; rotating keeps the first slot (after the previous
    round's last callable has filled the caches with its own data) from favouring one."""
    items = list(fns.items())
    k %= len(items)
    return items[k:] + items[:k]


def measure_cpu(fns: dict[str, Callable[[], object]], budget_s: float = 1.0, min_runs: int = 7,
                max_runs: int = 1000, target_spread: float = 0.01, block_s: float = 0.01) -> dict[str, dict]:
    """Seconds per call of each callable on the CPU, timed in blocks, blocks interleaved.

    After torch.utils.benchmark.Timer.blocked_autorange (torch/utils/benchmark/utils/timer.py):
    a call that takes microseconds is below the resolution and the overhead of one clock read,
    so calls are timed in blocks of `number` calls, `number` doubled until one block takes at
    least block_s (its `_estimate_block_size` uses min_run_time * 0.05 = 10 ms), and each
    block yields one sample, block time / number. Unlike blocked_autorange, which measures
    one statement to the end, the blocks of all callables are interleaved a b c b c a ...
    so that drift in clock speed or load hits all alike. The thread count is set by the
    caller (torch.set_num_threads) and recorded; Timer's default is one thread too.
    """
    number: dict[str, int] = {}
    for name, f in fns.items():  # warm-up, then the block size
        f()
        n = 1
        while True:
            t0 = time.perf_counter()
            for _ in range(n):
                f()
            if time.perf_counter() - t0 >= block_s or n >= 1 << 20:
                break
            n *= 2
        number[name] = n
    samples: dict[str, list[float]] = {name: [] for name in fns}
    start = time.perf_counter()
    while not _done(samples, start, budget_s, min_runs, max_runs, target_spread):
        for name, f in _rotated(fns, len(samples[next(iter(fns))])):
            n = number[name]
            t0 = time.perf_counter()
            for _ in range(n):
                f()
            samples[name].append((time.perf_counter() - t0) / n)
    return {name: dict(_summary(v), number_per_run=number[name]) for name, v in samples.items()}


def measure_cuda(fns: dict[str, Callable[[], object]], budget_s: float = 2.0, min_runs: int = 10,
                 max_runs: int = 1000, target_spread: float = 0.01, warmup_s: float = 0.025,
                 flush_bytes: int = FLUSH_BYTES) -> dict[str, dict]:
    """Seconds per call of each callable on the current CUDA device, calls interleaved.

    Rules and their sources:
    - CUDA events around each call, read after a synchronize: triton.testing.do_bench
      (python/triton/testing.py) and KernelBench (src/eval.py, time_execution_with_cuda_event);
      a host clock would time the launch, not the kernel.
    - L2 flushed before every call by writing a buffer larger than L2 (do_bench zeroes a
      256 MB buffer; KernelBench and the GPU MODE harness thrash L2 the same way), outside
      the timed window, so a kernel never reads inputs the previous call left in L2.
    - A full torch.cuda.synchronize() before each flush, as the GPU MODE harness does, so no
      call overlaps the previous one.
    - Warm-up first: one call (autotuning, torch.compile, lazy init), then calls for
      warmup_s (do_bench: 25 ms), since the first calls pay for clocks ramping up.
    - Repeat until IQR/median <= target_spread or the budget is spent (GPU MODE harness:
      until the standard error is small or a wall-clock limit), median reported (do_bench's
      default return_mode is the mean; the median ignores outliers).
    """
    import math

    cache = torch.empty(flush_bytes, dtype=torch.int8, device="cuda")
    for f in fns.values():
        f()
    torch.cuda.synchronize()
    for f in fns.values():
        t0 = time.perf_counter()
        f()
        torch.cuda.synchronize()
        est = max(time.perf_counter() - t0, 1e-6)
        for _ in range(min(100, max(1, math.ceil(warmup_s / est)))):
            f()
    torch.cuda.synchronize()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    start = time.perf_counter()
    while not _done(samples, start, budget_s, min_runs, max_runs, target_spread):
        events = []
        for name, f in _rotated(fns, len(samples[next(iter(fns))])):
            torch.cuda.synchronize()
            cache.zero_()
            begin, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            begin.record()
            f()
            end.record()
            events.append((name, begin, end))
        torch.cuda.synchronize()
        for name, begin, end in events:
            samples[name].append(begin.elapsed_time(end) / 1e3)
    del cache
    return {name: _summary(v) for name, v in samples.items()}


def measure(fns: dict[str, Callable[[], object]], device: str, budget_s: float) -> dict[str, dict]:
    """The bench entry point: CUDA events on a GPU, blocked timing on the CPU."""
    if device.startswith("cuda"):
        return measure_cuda(fns, budget_s=budget_s)
    return measure_cpu(fns, budget_s=budget_s)
