"""Run one exercise's hidden tests on a file: the one entry point shared by run, watch,
check and dev check."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

from dlquiz import catalog
from dlquiz.errors import DlquizError
from dlquiz.sandbox import run_job
from dlquiz.spec import Spec


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 100_000)


def run_exercise(spec: Spec, learner: Path, *, device: str = "cpu", seed: int | None = None,
                 case: str | None = None, timing: bool = True, threads: int | None = None,
                 random_cases: int | None = None, half_on_cpu: bool = False, zygote=None,
                 on_event: Callable[[dict], None] | None = None) -> dict:
    """Run the hidden tests of `spec` on `learner`; returns the Report dict.

    Raises DlquizError for usage problems (exit 2); problems in the learner's file are
    part of the report (status fail/error).
    """
    check_device(spec, device)
    learner = learner.expanduser().resolve()
    if not learner.is_file():
        raise DlquizError(f"{learner} does not exist.",
                          hint=f"Pass the path of a Python file defining `{spec.entry}`.")
    if case is not None:
        names = [c.name for c in spec.cases] + [f"random_{i:02d}" for i in range(spec.random_cases)]
        if case not in names:
            raise DlquizError(f"{spec.id} has no case named {case!r}.",
                              hint="Cases: " + ", ".join(names[:14]) + (" ..." if len(names) > 14 else ""))
    job = {
        "exercise": spec.id,
        "exercise_dir": str(spec.directory),
        "reference": str(catalog.solution_path(spec.id)),
        "learner": str(learner),
        "device": device,
        "seed": new_seed() if seed is None else seed,
        "case": case,
        "timing": timing,
        # One intra-op thread on CPU: small kernels time stably and parallel runs do not fight.
        "threads": threads or (1 if device == "cpu" else None),
        "random_cases": spec.random_cases if random_cases is None else random_cases,
        "half_on_cpu": half_on_cpu,  # float16/bfloat16 cases on the CPU too (dev check)
        "gpu_memory_mb": spec.memory_mb,  # the same cap on CUDA, so the memory cases mean the same
    }
    report, _ = sandboxed(job, timeout_s=spec.timeout_s, memory_mb=spec.memory_mb, on_event=on_event,
                          zygote=zygote)
    report.setdefault("title", spec.title)
    return report


def check_device_name(device: str) -> None:
    """A usage error (exit 2) for a device dlquiz does not know."""
    if device not in ("cpu", "cuda"):
        raise DlquizError(f"unknown device {device!r}.", hint="Use --device cpu or --device cuda.")


def check_device(spec: Spec, device: str) -> None:
    """A usage error (exit 2) for a device dlquiz or the exercise does not run on."""
    check_device_name(device)
    if device not in spec.devices:
        raise DlquizError(f"{spec.id} runs on {', '.join(spec.devices)} only, not on {device}.")


def sandboxed(job: dict, *, timeout_s: float, memory_mb: int, on_event=None, zygote=None):
    """run_job through the warm worker when there is one; if it has died, a fresh process does
    the same job, only slower. Returns (report, the warm worker still usable or None)."""
    try:
        return run_job(job, timeout_s=timeout_s, memory_mb=memory_mb, on_event=on_event, zygote=zygote), zygote
    except RuntimeError:
        if zygote is None:
            raise
        return run_job(job, timeout_s=timeout_s, memory_mb=memory_mb, on_event=on_event), None


def exit_code(report: dict) -> int:
    if report.get("status") == "pass":
        return 0
    error = report.get("error") or {}
    if error.get("kind") in ("config", "internal"):
        return 2
    return 1


def learner_time(report: dict) -> float | None:
    timing = report.get("timing") or {}
    mine = timing.get("learner") or {}
    return mine.get("median_s")
