"""Hidden cases for cuda_timer.

No GPU is needed: while a case runs, torch.cuda.is_available answers what the case says,
torch.cuda.synchronize only records that it was called, and time.perf_counter (and, to
catch them, time.time / time.monotonic / time.process_time) read a fake clock that records
each read. The function being timed records itself too, so the order of events shows
whether the clock was read after the GPU had finished.

The replacements are installed when this file is imported, before the learner's file is,
so `from time import perf_counter` in the learner's file gets them as well. Outside a
case (the engine's own timing, for example) they call the real functions.
"""

import functools
import random
import time

import torch

_STATE = {"active": False, "cuda": False, "events": [], "now": 0.0, "dt": 0.0}

SYNC, CLOCK, FN = "torch.cuda.synchronize", "time.perf_counter", "fn"


def _install():
    if getattr(time.perf_counter, "_dlquiz_fake", False):
        return
    real = {"perf_counter": time.perf_counter, "time": time.time, "monotonic": time.monotonic,
            "process_time": time.process_time}
    real_sync, real_avail = torch.cuda.synchronize, torch.cuda.is_available

    def clock(name):
        original = real[name]

        def read():
            if not _STATE["active"]:
                return original()
            _STATE["events"].append(f"time.{name}")
            value = _STATE["now"]
            _STATE["now"] += _STATE["dt"]   # the next read is one step of dt later
            return value
        read._dlquiz_fake = True
        read.__name__ = name
        return read

    def synchronize(device=None):
        if not _STATE["active"]:
            return real_sync(device)
        _STATE["events"].append(SYNC)

    def is_available():
        if not _STATE["active"]:
            return real_avail()
        return _STATE["cuda"]

    for name in real:
        setattr(time, name, clock(name))
    torch.cuda.synchronize = synchronize
    torch.cuda.is_available = is_available


_install()


def random_params(rng: random.Random, index: int) -> dict:
    return {"cuda": index % 3 != 2, "t0": rng.randint(1000, 90000) / 64,
            "dt": rng.randint(1, 400) / 64, "dt2": rng.randint(1, 400) / 64, "x": rng.randint(2, 99)}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    return {"args": [], "kwargs": {},
            "cuda_available": bool(params.get("cuda", True)),
            "clock_starts_at": float(params.get("t0", 1000.0)),
            "fn_takes": float(params.get("dt", 0.25)),
            "second_call_takes": float(params.get("dt2", 0.5)),
            "x": int(params.get("x", 7))}


class _Boom(Exception):
    pass


def _order() -> str:
    """The recorded calls in order, as one readable line."""
    return " -> ".join(_STATE["events"]) or "(nothing was called)"


def _session(cuda: bool, t0: float, dt: float):
    _STATE.update(cuda=cuda, events=[], now=t0, dt=dt)


def call(entry, inputs: dict, ctx):
    out = {}
    cuda = inputs["cuda_available"]
    seen = {}

    def train_step(x, scale=1):
        """One optimisation step."""
        _STATE["events"].append(FN)
        seen["args"] = [x, scale]
        return {"loss": x * scale}

    def failing():
        """A step that runs out of memory."""
        _STATE["events"].append(FN)
        raise _Boom("CUDA out of memory (simulated)")

    _STATE["active"] = True
    try:
        _session(cuda, inputs["clock_starts_at"], inputs["fn_takes"])
        timed = ctx.call(entry, train_step)
        out["__name__"] = getattr(timed, "__name__", "<none>")
        out["__doc__"] = getattr(timed, "__doc__", "<none>")
        _session(cuda, inputs["clock_starts_at"], inputs["fn_takes"])
        result = ctx.call(timed, inputs["x"], scale=3)
        out["events"] = _order()
        out["returned"] = result
        out["args_passed"] = seen.get("args", "the function was never called")
        out["last_seconds"] = getattr(timed, "last_seconds", "missing: store it on wrapper.last_seconds")

        # A second call must measure again (a new start time, a new elapsed time).
        _session(cuda, inputs["clock_starts_at"] + 100.0, inputs["second_call_takes"])
        result = ctx.call(timed, inputs["x"] + 1)
        out["second_call.events"] = _order()
        out["second_call.returned"] = result
        out["second_call.last_seconds"] = getattr(timed, "last_seconds", "missing")

        # An exception inside fn reaches the caller unchanged.
        _session(cuda, inputs["clock_starts_at"], inputs["fn_takes"])
        boom = ctx.call(entry, failing)
        try:
            ctx.call(boom)
            out["exception"] = "no exception reached the caller (it was swallowed)"
        except _Boom:
            out["exception"] = "the function's exception reached the caller"
    finally:
        _STATE["active"] = False
    return out


# ------------------------------------------------------------------ known mistakes

def _timer(*, sync_start=True, sync_end=True, end_order="sync_then_clock", check_cuda=True,
           clock="perf_counter", result="value", wraps=True):
    def timer(fn):
        def wrapper(*args, **kwargs):
            use = torch.cuda.is_available() or not check_cuda
            read = getattr(time, clock)
            if use and sync_start:
                torch.cuda.synchronize()
            start = read()
            value = fn(*args, **kwargs)
            if end_order == "clock_then_sync":
                stop = read()
                if use and sync_end:
                    torch.cuda.synchronize()
            else:
                if use and sync_end:
                    torch.cuda.synchronize()
                stop = read()
            wrapper.last_seconds = stop - start
            if result == "elapsed":
                return stop - start
            if result == "pair":
                return value, stop - start
            return value
        return functools.wraps(fn)(wrapper) if wraps else wrapper
    return timer


def _on_cuda(fn):
    def decorator(f):
        if not torch.cuda.is_available():
            raise ValueError("this mistake only shows when CUDA is available")
        return fn(f)
    return decorator


SUSPECTS = [
    ("torch.cuda.synchronize() is never called: CUDA kernels run asynchronously, so without "
     "it the clock stops while the GPU is still working (you time the kernel launches only)",
     _on_cuda(_timer(sync_start=False, sync_end=False))),
    ("synchronize only before starting the clock: the GPU must also be waited for after fn "
     "returns, before the clock is read the second time",
     _on_cuda(_timer(sync_end=False))),
    ("no synchronize before the first clock read: work queued earlier on the GPU is then "
     "counted in fn's time",
     _on_cuda(_timer(sync_start=False))),
    ("the clock is read before synchronizing: wait for the GPU first (synchronize), then read "
     "the clock, or the GPU's remaining work is not measured",
     _on_cuda(_timer(end_order="clock_then_sync"))),
    ("torch.cuda.synchronize() is called although CUDA is not available (that raises on a "
     "CPU-only machine): check torch.cuda.is_available() first",
     _timer(check_cuda=False)),
    ("time.time() is the wall clock (coarse, and it can jump when the system clock is "
     "adjusted); measure durations with time.perf_counter()",
     _timer(clock="time")),
    ("time.monotonic() has a coarser resolution on some systems; use time.perf_counter() for "
     "timing code",
     _timer(clock="monotonic")),
    ("the wrapper returns the elapsed time instead of fn's result: return the result and store "
     "the time on wrapper.last_seconds",
     _timer(result="elapsed")),
    ("the wrapper returns (result, seconds): return fn's result unchanged and store the time "
     "on wrapper.last_seconds",
     _timer(result="pair")),
    ("the wrapper hides the function's name and docstring: decorate it with @functools.wraps(fn)",
     _timer(wraps=False)),
]
