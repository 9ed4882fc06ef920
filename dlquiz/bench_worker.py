"""Child side of `dlquiz bench`: one size of a sweep → check → time → check again → one Report.

Started through sandbox.run_job like a run (worker.serve dispatches on job["mode"]), so the
learner's code keeps its child process, timeout, memory cap and process group.

One job per size, not one per sweep: a size that runs out of memory, crashes or hangs
costs only its own row (the parent starts the next size in a fresh child), the CUDA caching
allocator and its peak-memory counter start clean for every size, Ctrl-C leaves the parent
holding every finished row, and the per-size timeout stays meaningful. The cost, one torch
import per size, disappears when the parent forks jobs from a warm zygote (CUDA is
initialized in each child, never in the zygote).
"""

from __future__ import annotations

import platform
import zlib
from pathlib import Path
from typing import Any

from dlquiz.worker import Guard, Worker, _import_path, _oom_message

HALF = ("float16", "bfloat16")


def cast(x: Any, dtype) -> Any:
    """Floating tensors (nested in lists, tuples, dicts) as `dtype` copies; the rest as is."""
    import torch

    if isinstance(x, torch.Tensor):
        return x.detach().to(dtype).clone() if x.is_floating_point() else x
    if isinstance(x, dict):
        return {k: cast(v, dtype) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(cast(v, dtype) for v in x)
    return x


def environment(torch, device: str, dtype: str) -> dict:
    """What a reader needs to trust or reproduce a number: versions, device, threads, TF32."""
    env = {
        "torch": torch.__version__, "python": platform.python_version(), "platform": platform.platform(),
        "device": device, "dtype": dtype, "threads": torch.get_num_threads(),
        "tf32_matmul": bool(torch.backends.cuda.matmul.allow_tf32),
        "tf32_cudnn": bool(torch.backends.cudnn.allow_tf32),
        "float32_matmul_precision": torch.get_float32_matmul_precision(),
        "cuda": torch.version.cuda,
        "peak_memory": ("torch.cuda.max_memory_allocated" if device == "cuda"
                        else "torch.autograd.profiler allocation events"),
    }
    if device == "cuda":
        props = torch.cuda.get_device_properties(0)
        env.update(device_name=props.name, capability=f"{props.major}.{props.minor}",
                   sm_count=props.multi_processor_count, memory_bytes=props.total_memory,
                   l2_bytes=getattr(props, "L2_cache_size", None))
    else:
        env["device_name"] = _cpu_name()
    return env


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "cpu"


def roofline(torch, device: str, dtype) -> dict:
    """Measured copy bandwidth and matmul rate, the yardstick where no peak table applies
    (CPUs, unknown GPUs): like STREAM's copy kernel (2 bytes moved per byte copied) and a
    square matmul at the benchmarked dtype (2·m³ FLOPs)."""
    from dlquiz.timing import measure

    n = (1 << 30 if device == "cuda" else 64 << 20) // torch.empty((), dtype=dtype).element_size()
    src = torch.ones(n, dtype=dtype, device=device)
    dst = torch.empty_like(src)
    m = 8192 if device == "cuda" else (512 if dtype in (torch.float32, torch.float64) else 256)
    a = torch.randn(m, m, device=device).to(dtype)
    b = torch.randn(m, m, device=device).to(dtype)
    t = measure({"copy": lambda: dst.copy_(src), "matmul": lambda: a @ b}, device, budget_s=0.2)
    return {"copy_bytes_per_s": 2 * n * src.element_size() / t["copy"]["median_s"],
            "matmul_flops_per_s": 2 * m ** 3 / t["matmul"]["median_s"], "matmul_size": m}


def cpu_peak_bytes(torch, fn) -> int | None:
    """Most bytes one call holds at once above what it started with, on the CPU, or None
    where the profiler cannot say.

    The CPU allocator has no peak counter like CUDA's max_memory_allocated, so the call
    runs once under the autograd profiler with profile_memory=True, which records every
    allocation and free as a "[memory]" event with its size (negative for a free); the
    running sum of those sizes in time order peaks at the answer. Exact where an
    operating-system figure (the resident set) is not: malloc keeps freed pages, and
    pages never written are not resident.
    """
    from torch.autograd import profiler

    with profiler.profile(profile_memory=True) as prof:
        fn()
    try:
        events = [e for e in prof.kineto_results.events()
                  if e.name() == "[memory]" and str(e.device_type()).endswith("CPU")]
        events.sort(key=lambda e: e.start_ns())
        held = peak = 0
        for e in events:
            held += e.nbytes()
            peak = max(peak, held)
    except AttributeError:  # a torch whose profiler results read differently
        return None
    return peak


class _CallFailed(Exception):
    """An implementation raised while being timed; `name` says which (the cause is chained)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _named(name: str, call):
    def timed():
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - re-raised with the implementation's name
            raise _CallFailed(name) from exc

    return timed


class BenchWorker(Worker):
    def __init__(self, job: dict, chan):
        super().__init__(job, chan)
        self.report = {"format_version": self.report["format_version"], "mode": "bench",
                       "exercise": job["exercise"], "status": "error", "device": job["device"],
                       "dtype": job["dtype"], "size": job["size"]["name"], "values": job["size"]["values"],
                       "learner_file": job["learner"], "impls": {}, "baseline_errors": {}, "error": None,
                       "message": ""}

    # -- pieces ---------------------------------------------------------------------------
    def prepare(self, entry, inputs: dict):
        """(callable, args, kwargs) to time; cases.py may build a module first (bench_prepare)."""
        custom = getattr(self.cases_mod, "bench_prepare", None)
        if custom is not None:
            return custom(entry, inputs)
        return entry, list(inputs.get("args", [])), dict(inputs.get("kwargs", {}))

    def builtin(self, name: str):
        if name.startswith("cases."):
            return getattr(self.cases_mod, name.split(".", 1)[1])
        from dlquiz.guards import resolve

        return resolve(name)

    def sync(self) -> None:
        if self.device == "cuda":
            self.torch.cuda.synchronize()

    def peak_memory(self, fn) -> int | None:
        """Most bytes one call holds above what was held before it. CUDA: the caching
        allocator's max_memory_allocated, reset first (what torch.cuda.memory_summary reads).
        CPU: the profiler's allocation events (cpu_peak_bytes)."""
        if self.device != "cuda":
            return cpu_peak_bytes(self.torch, fn)
        cuda = self.torch.cuda
        cuda.synchronize()
        before = cuda.memory_allocated()
        cuda.reset_peak_memory_stats()
        fn()
        cuda.synchronize()
        return max(0, cuda.max_memory_allocated() - before)

    def check(self, guard: Guard, fn, args, kwargs, expected, rtol, atol) -> tuple[str, str]:
        """('ok', '') or (status, message) for one guarded learner call compared with the truth."""
        from dlquiz.compare import compare
        from dlquiz.guards import LearnerFault

        try:
            got = guard.call(fn, args, kwargs)
            self.sync()
        except LearnerFault as fault:
            return fault.kind, fault.message
        except SystemExit as exc:
            return "exit", f"your code called sys.exit({exc.code!r})"
        except BaseException as exc:  # noqa: BLE001 - anything the learner's code raises
            oom = _oom_message(exc, self.memory_cap_mb(), self.device)
            if oom:
                return "oom", oom
            return "error", f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        mismatch = compare(expected, got, dtype=self.job["dtype"], rtol=rtol, atol=atol, device=self.device,
                           detail=False)
        if mismatch is None:
            return "ok", ""
        return "incorrect", f"{mismatch['path']}: {mismatch['message']}"

    # -- the job ----------------------------------------------------------------------------
    def run(self) -> dict:
        torch, spec, job = self.torch, self.spec, self.job
        if spec.bench is None or not hasattr(self.cases_mod, "bench_inputs"):
            return self.fail("config", f"{spec.id} has no bench section with bench_inputs in cases.py")
        dtype = getattr(torch, job["dtype"])
        self.report["env"] = environment(torch, self.device, job["dtype"])
        if job.get("probe"):
            from dlquiz.peaks import lookup

            if self.device == "cpu" or lookup(self.report["env"]["device_name"]) is None:
                self.report["roofline"] = roofline(torch, self.device, dtype)
        from dlquiz.caselib import generator

        values = job["size"]["values"]
        gen = generator(zlib.crc32(f"bench:{spec.id}:{job['size']['name']}".encode()))
        # The truth first, before any learner code is imported: float64, or float32 for
        # half-precision sweeps (its error is far below their tolerance, at half the memory).
        truth_dtype = torch.float32 if job["dtype"] in HALF else torch.float64
        what = "the inputs of this size do"
        try:
            inputs = self.cases_mod.bench_inputs(dict(values), dtype, self.device, gen)
            what = f"the {str(truth_dtype).replace('torch.', '')} truth of this size does"
            t_fn, t_args, t_kwargs = self.prepare(self.reference_entry(), cast(inputs, truth_dtype))
            expected = t_fn(*t_args, **t_kwargs)
            del t_fn, t_args, t_kwargs
        except Exception as exc:  # noqa: BLE001 - the size, not dlquiz, is too big for this machine
            oom = _oom_message(exc, self.memory_cap_mb(), self.device)
            if oom is None:
                raise
            return self.finish("oom", f"{what} not fit: {oom}; pick smaller --sizes")
        if self.device == "cuda":
            torch.cuda.synchronize()
            torch.cuda.empty_cache()
        # Baselines are looked up before the forbidden names are wrapped: the built-in is
        # often the very op the learner may not call, and must run unwrapped.
        entries = self.baseline_entries()
        learner_path = str(Path(job["learner"]).resolve())
        from dlquiz.guards import PythonForbid

        python_forbid = PythonForbid(self.forbidden, learner_path)  # before the learner's import
        try:
            module = _import_path(f"dlquiz_learner_{spec.id}", Path(learner_path))
        except SystemExit as exc:
            return self.fail("import", f"your file called sys.exit({exc.code!r}) while being imported")
        except BaseException as exc:  # noqa: BLE001
            kind = "syntax" if isinstance(exc, SyntaxError) else "import"
            return self.fail(kind, f"your file could not be imported: {type(exc).__name__}: {exc}"[:300])
        entry = getattr(module, spec.entry, None)
        if entry is None or not callable(entry):
            return self.fail("missing", f"{Path(learner_path).name} does not define `{spec.entry}`")
        rtol, atol = spec.bench.tol(job["dtype"])
        guard = Guard(self.forbidden, learner_path, python_forbid)
        try:
            fn, args, kwargs = self.prepare(entry, inputs)
        except BaseException as exc:  # noqa: BLE001 - e.g. the learner's __init__ raises
            return self.finish("error", f"{type(exc).__name__}: {exc}".splitlines()[0][:300])
        status, message = self.check(guard, fn, args, kwargs, expected, rtol, atol)
        if status != "ok":  # correctness first: a wrong or failing size is never timed
            return self.finish(status, message)
        calls = {"learner": lambda: fn(*args, **kwargs)}
        calls.update(self.baselines(entries, inputs))
        impls = self.report["impls"]
        self.chan.send({"event": "timing"})
        while True:
            try:
                times = self.measure({name: _named(name, call) for name, call in calls.items()})
                break
            except _CallFailed as failed:
                exc = failed.__cause__
                if failed.name == "learner":
                    oom = _oom_message(exc, self.memory_cap_mb(), self.device)
                    return self.finish("oom" if oom else "error",
                                       oom or f"while timing: {type(exc).__name__}: {exc}".splitlines()[0][:300])
                # A baseline that fails while timed (out of memory, say) is dropped, the rest timed again.
                self.report["baseline_errors"][failed.name] = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
                del calls[failed.name]
            except Exception as exc:  # noqa: BLE001 - e.g. no room left for the L2 flush buffer
                oom = _oom_message(exc, self.memory_cap_mb(), self.device)
                return self.finish("oom" if oom else "error",
                                   oom or f"while timing: {type(exc).__name__}: {exc}".splitlines()[0][:300])
        status, message = self.check(guard, fn, args, kwargs, expected, rtol, atol)
        if status != "ok":  # checked again after timing: repeated calls must stay right
            return self.finish("incorrect" if status == "incorrect" else status,
                               f"after timing: {message}")
        # Memory after timing, so that the profiler's bookkeeping never overlaps a timed call.
        for name, call in calls.items():
            try:
                mem = self.peak_memory(call)
            except Exception:  # noqa: BLE001 - it ran while timed; a probe failure costs only its figure
                mem = None
            impls[name] = {**times[name], "peak_mem_bytes": mem}
        return self.finish("ok", "")

    def measure(self, calls: dict) -> dict:
        from dlquiz.timing import measure

        return measure(calls, self.device, float(self.job.get("budget_s", 1.0)))

    def baseline_entries(self) -> dict:
        """The baselines' entries by name (reference: the solution's; builtin: the spec's)."""
        spec, errors, out = self.spec, self.report["baseline_errors"], {}
        for name, source in spec.bench.baselines.items():
            try:
                out[name] = (self.builtin(source) if name == "builtin" else
                             getattr(_import_path(f"dlquiz_reference_{spec.id}", Path(self.job["reference"])),
                                     spec.entry))
            except Exception as exc:  # noqa: BLE001
                errors[name] = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return out

    def baselines(self, entries: dict, inputs: dict) -> dict:
        """Zero-argument callables of the baselines; a baseline that cannot run is reported."""
        out = {}
        errors = self.report["baseline_errors"]
        prepared = {}
        for name, entry in entries.items():
            try:
                prepared[name] = self.prepare(entry, inputs)
            except Exception as exc:  # noqa: BLE001
                errors[name] = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        for name, (f, a, k) in prepared.items():
            out[name] = (lambda f=f, a=a, k=k: f(*a, **k))
        if self.job.get("compile") and "reference" in prepared:
            f, a, k = prepared["reference"]
            try:
                compiled = self.torch.compile(f)
                compiled(*a, **k)  # compiles now, outside any timed window
                self.sync()
                out["compiled"] = lambda: compiled(*a, **k)
            except Exception as exc:  # noqa: BLE001 - no compiler, unsupported platform, ...
                errors["compiled"] = ("torch.compile is not available here: "
                                      + f"{type(exc).__name__}: {exc}".splitlines()[0][:200])
        return out

    def finish(self, status: str, message: str) -> dict:
        self.report["status"], self.report["message"] = status, message
        if status != "ok":
            self.report["impls"] = {}
        return self.report
