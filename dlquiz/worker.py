"""Child side of a run: cases → reference → learner code → compare → time → one Report.

Started by sandbox.py as `python -m dlquiz.worker JOB_JSON` in its own process group.
Events and the final report are JSON lines written to a file descriptor of their own
(DLQUIZ_RESULT_FD), never to stdout, so nothing the learner prints can forge a result.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib.util
import json
import os
import random
import re
import signal
import sys
import time
import traceback
import zlib
from pathlib import Path
from typing import Any

from dlquiz import FORMAT_VERSION


class Channel:
    def __init__(self, fd: int):
        self.fd = fd

    def send(self, obj: dict) -> None:
        data = (json.dumps(obj, default=_json_default) + "\n").encode()
        while data:
            n = os.write(self.fd, data)
            data = data[n:]


def _json_default(x: Any) -> Any:
    if isinstance(x, float):
        return repr(x)
    return str(x)


def _clean(obj: Any) -> Any:
    """Make a report JSON-safe: NaN/inf floats become strings."""
    if isinstance(obj, float):
        if obj != obj or obj in (float("inf"), float("-inf")):
            return str(obj)
        return obj
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def _import_path(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_OOM = re.compile(r"(can't allocate memory|out of memory|CUDA out of memory|Unable to allocate)", re.I)
_BYTES = re.compile(r"allocate (\d+) bytes")
_GIB = re.compile(r"allocate ([\d.]+) (GiB|MiB|KiB)")


def _oom_message(exc: BaseException, cap_mb: int | None, device: str) -> str | None:
    """One sentence for an out-of-memory error, naming the cap it ran under (None: no cap)."""
    text = str(exc)
    if not isinstance(exc, MemoryError) and not _OOM.search(text):
        return None
    size = ""
    m = _BYTES.search(text)
    if m:
        size = f" a block of {int(m.group(1)) / 2**30:.1f} GiB"
    else:
        m = _GIB.search(text)
        if m:
            size = f" a block of {m.group(1)} {m.group(2)}"
    cap = f"the memory cap is {cap_mb / 1024:.1f} GiB" if cap_mb else f"the {device.upper()} memory is full"
    return f"ran out of memory: tried to allocate{size}; {cap}"


class Ctx:
    """What cases.py sees: dtype, device, and call() that guards learner code."""

    def __init__(self, dtype, device: str, is_reference: bool, guard: "Guard | None" = None,
                 is_suspect: bool = False):
        self.dtype, self.device, self.is_reference, self._guard = dtype, device, is_reference, guard
        self.is_suspect = is_suspect  # True while a known-wrong SUSPECTS entry is being run

    def call(self, fn, *args, **kwargs):
        if self._guard is None:
            return fn(*args, **kwargs)
        return self._guard.call(fn, args, kwargs)

    def upcast(self, x: Any) -> Any:
        return upcast(x)


def upcast(x: Any) -> Any:
    import torch

    from dlquiz.guards import is_ndarray

    if isinstance(x, torch.Tensor):
        if x.is_floating_point() or x.is_complex():
            return x.detach().to(torch.float64).clone()
        return x.detach().clone()
    if is_ndarray(x):  # NumPy exercises: the reference sees float64 arrays too
        return x.astype("float64") if x.dtype.kind == "f" else x.copy()
    if isinstance(x, dict):
        return {k: upcast(v) for k, v in x.items()}
    if isinstance(x, list):
        return [upcast(v) for v in x]
    if isinstance(x, tuple):
        return tuple(upcast(v) for v in x)
    return x


class Guard:
    def __init__(self, forbidden: dict, learner_path: str, python_forbid=None):
        self.forbidden, self.learner_path = forbidden, learner_path
        self.python_forbid = python_forbid

    def call(self, fn, args, kwargs):
        import inspect

        from dlquiz.guards import LearnerFault, Snapshot

        self._check_signature(fn, args, kwargs)
        snap = Snapshot(fn, args, kwargs)
        with self._rules():
            out = fn(*args, **kwargs)
        changed = snap.changed()
        if changed:
            raise LearnerFault("mutation", f"modifies its input `{changed}` in place; the caller's tensor "
                                           f"must be left as it was (work on a copy or use out-of-place ops)")
        if inspect.isgenerator(out) and out.gi_code.co_filename == self.learner_path:
            return self._guarded(out)  # a generator's body runs later, at each next()
        return out

    @contextlib.contextmanager
    def _rules(self):
        """Forbidden ops are refused while the block runs; a refused call fails the case even
        when the learner's code caught the exception."""
        from dlquiz.guards import ForbidMode

        mode = ForbidMode(self.forbidden, self.learner_path)
        wrapped = self.python_forbid
        if wrapped is not None:
            wrapped.active = True
        try:
            with mode:
                yield
        finally:
            if wrapped is not None:
                wrapped.active = False
        for violation in (mode.violation, wrapped.violation if wrapped is not None else None):
            if violation is not None:
                raise violation

    def _guarded(self, gen):
        """The learner's generator, each step of it run under the same rules."""
        while True:
            with self._rules():
                try:
                    item = next(gen)
                except StopIteration:
                    return
            yield item

    def _check_signature(self, fn, args, kwargs) -> None:
        """A function or class of the learner's file that cannot take the tests' arguments
        fails with its own def line, not with a TypeError deep in the tests."""
        import inspect

        from dlquiz.guards import LearnerFault

        own = fn.__init__ if inspect.isclass(fn) else fn
        code = getattr(inspect.unwrap(own), "__code__", None)
        if code is None or code.co_filename != self.learner_path:
            return
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            return  # no signature to read
        try:
            sig.bind(*args, **kwargs)
        except TypeError as exc:
            import linecache

            where = {"file": self.learner_path, "line": code.co_firstlineno, "function": code.co_name,
                     "code": linecache.getline(self.learner_path, code.co_firstlineno).strip()}
            passed = ", ".join([f"<{type(a).__name__}>" for a in args] + [f"{k}=..." for k in kwargs])
            raise LearnerFault("signature", f"{getattr(fn, '__name__', 'it')}{sig} cannot be called as the "
                                            f"tests call it, ({passed}): {exc}", where) from None


DETAILED_FAILURES = 3  # failing cases that get the full diff and diagnosis; later ones a summary


class Worker:
    def __init__(self, job: dict, chan: Channel):
        self.job, self.chan = job, chan
        self.detailed = 0
        self.report: dict = {
            "format_version": FORMAT_VERSION, "exercise": job["exercise"], "status": "error",
            "device": job["device"], "seed": job["seed"], "learner_file": job["learner"],
            "cases": [], "timing": None, "error": None,
        }

    # -- setup ---------------------------------------------------------------------
    def memory_cap_mb(self) -> int | None:
        """The memory cap this child runs under: on the CPU the sandbox's RLIMIT_DATA, on
        CUDA the caching allocator's fraction that setup() sets (None: the whole GPU)."""
        if self.device == "cuda":
            return self.job.get("gpu_memory_mb")
        return self.job.get("memory_mb") or self.spec.memory_mb

    def fail(self, kind: str, message: str, **extra: Any) -> dict:
        self.report["status"] = "error"
        self.report["error"] = {"kind": kind, "message": message, **extra}
        return self.report

    def setup(self) -> bool:
        import torch

        from dlquiz.spec import load_spec

        self.torch = torch
        job = self.job
        self.spec = load_spec(Path(job["exercise_dir"]))
        self.device = job["device"]
        if self.device == "cuda" and not torch.cuda.is_available():
            from dlquiz.errors import NO_CUDA

            self.fail("config", NO_CUDA)
            return False
        if self.device == "cuda" and self.memory_cap_mb():
            # The CPU cap is RLIMIT_DATA (sandbox.py), which CUDA's own mappings would break;
            # on the GPU the caching allocator refuses to hold more than this fraction.
            total = torch.cuda.get_device_properties(0).total_memory
            torch.cuda.set_per_process_memory_fraction(min(1.0, (self.memory_cap_mb() << 20) / total), 0)
        if job.get("threads"):
            torch.set_num_threads(int(job["threads"]))
        self.cases_mod = _import_path(f"dlquiz_cases_{self.spec.id}", self.spec.cases_path)
        from dlquiz.guards import resolve

        self.forbidden = {name: resolve(name) for name in self.spec.forbid}
        return True

    def plan(self) -> list[dict]:
        """Fixed cases from the spec, then seeded random ones; each a dict."""
        spec, seed = self.spec, self.job["seed"]
        # Half precision is for CUDA runs; `dev check` also proves it on the CPU (half_on_cpu).
        half_ok = self.device == "cuda" or self.job.get("half_on_cpu", False)
        dtypes = [d for d in spec.dtypes if half_ok or d in ("float32", "float64")] or ["float64"]
        out = []
        for c in spec.cases:
            dt = c.params.get("dtype", dtypes[0])
            out.append({"name": c.name, "why": c.why, "params": c.params, "dtype": dt,
                        "tolerance": c.tolerance, "random": False})
        for i in range(self.job.get("random_cases", spec.random_cases)):
            rng = random.Random(f"{seed}:{i}")
            params = self.cases_mod.random_params(rng, i)
            out.append({"name": f"random_{i:02d}", "why": "", "params": params,
                        "dtype": params.get("dtype", dtypes[i % len(dtypes)]),
                        "tolerance": None, "random": True})
        if self.job.get("case"):
            out = [c for c in out if c["name"] == self.job["case"]]
        return out

    def build(self, case: dict) -> dict:
        from dlquiz.caselib import generator

        gen = generator(zlib.crc32(f"{self.job['seed']}:{case['name']}".encode()))
        dtype = getattr(self.torch, case["dtype"])
        inputs = self.cases_mod.build(case["params"], gen, dtype, self.device)
        inputs.setdefault("args", [])
        inputs.setdefault("kwargs", {})
        return inputs

    def run_call(self, entry, inputs: dict, ctx: Ctx):
        custom = getattr(self.cases_mod, "call", None)
        if custom is not None:
            return custom(entry, inputs, ctx)
        return ctx.call(entry, *inputs["args"], **inputs["kwargs"])

    def reference_entry(self):
        ref = getattr(self.cases_mod, "reference_entry", None)
        if ref is not None:
            return ref()
        module = _import_path(f"dlquiz_reference_{self.spec.id}", Path(self.job["reference"]))
        return getattr(module, self.spec.entry)

    # -- the run ---------------------------------------------------------------------
    def run(self) -> dict:
        torch = self.torch
        spec = self.spec
        cases = self.plan()
        if not cases:
            return self.fail("config", f"no case named {self.job.get('case')!r} in {spec.id}")
        self.chan.send({"event": "start", "cases": len(cases)})
        ref_entry = self.reference_entry()
        self.ref_entry = ref_entry
        ref_ctx = Ctx(torch.float64, self.device, True)
        prepared = []
        for case in cases:  # expected values first, before any learner code is imported
            inputs = self.build(case)
            expected = self.run_call(ref_entry, upcast(inputs), ref_ctx)
            prepared.append((case, inputs, expected))
        learner_path = str(Path(self.job["learner"]).resolve())
        self.learner_path = learner_path
        from dlquiz.guards import PythonForbid

        self.python_forbid = PythonForbid(self.forbidden, learner_path)  # before the learner's import
        try:
            self.chan.send({"event": "import"})
            module = _import_path(f"dlquiz_learner_{spec.id}", Path(learner_path))
        except SystemExit as exc:
            return self.fail("import", f"your file called sys.exit({exc.code!r}) while being imported")
        except BaseException as exc:  # noqa: BLE001 - anything the learner's file raises
            from dlquiz.guards import trimmed_traceback

            text, where = trimmed_traceback(exc, learner_path)
            kind = "syntax" if isinstance(exc, SyntaxError) else "import"
            return self.fail(kind, f"your file could not be imported: {type(exc).__name__}",
                             traceback=text, where=where)
        entry = getattr(module, spec.entry, None)
        if entry is None or not callable(entry):
            what = "class" if spec.kind == "module" else "function"
            return self.fail("missing", f"{Path(learner_path).name} does not define the {what} `{spec.entry}`",
                             hint=f"Define it with this signature: {spec.signature}")
        guard = Guard(self.forbidden, learner_path, self.python_forbid)
        results = []
        for i, (case, inputs, expected) in enumerate(prepared):
            self.chan.send({"event": "case", "index": i, "name": case["name"]})
            results.append(self.run_case(case, inputs, expected, entry, guard))
        self.report["cases"] = results
        passed = all(r["status"] == "pass" for r in results)
        self.report["status"] = "pass" if passed else "fail"
        if passed and self.job.get("timing", True):
            self.chan.send({"event": "timing"})
            self.report["timing"] = self.time_it(prepared, entry, ref_entry)
        return self.report

    def describe_inputs(self, inputs: dict, entry) -> dict:
        from dlquiz.caselib import describe
        from dlquiz.guards import _arg_names

        named = _arg_names(entry, tuple(inputs["args"]), inputs["kwargs"]) if inputs["args"] or inputs["kwargs"] else {}
        if not named:
            named = {k: v for k, v in inputs.items() if k not in ("args", "kwargs")}
        return {k: describe(v) for k, v in list(named.items())[:8]}

    def run_case(self, case: dict, inputs: dict, expected: Any, entry, guard: Guard) -> dict:
        from dlquiz.compare import compare
        from dlquiz.guards import LearnerFault, trimmed_traceback

        torch = self.torch
        spec = self.spec
        rtol, atol = case["tolerance"] or spec.tol(case["dtype"])
        rec = {"name": case["name"], "why": case["why"], "random": case["random"], "dtype": case["dtype"],
               "params": _clean(case["params"]), "inputs": self.describe_inputs(inputs, self.ref_entry),
               "status": "pass", "message": "", "rtol": rtol, "atol": atol, "diagnosis": []}
        ctx = Ctx(getattr(torch, case["dtype"]), self.device, False, guard)
        start = time.perf_counter()
        try:
            got = self.run_call(entry, inputs, ctx)
            if self.device == "cuda":
                torch.cuda.synchronize()
            rec["time_s"] = time.perf_counter() - start  # one guarded call: a rough figure
        except LearnerFault as fault:
            rec.update(status=fault.kind, message=fault.message, where=fault.where)
            return rec
        except SystemExit as exc:
            text, where = trimmed_traceback(exc, self.learner_path)
            rec.update(status="exit", message=f"your code called sys.exit({exc.code!r})", where=where,
                       traceback=text)
            return rec
        except BaseException as exc:  # noqa: BLE001
            oom = _oom_message(exc, self.memory_cap_mb(), self.device)
            text, where = trimmed_traceback(exc, self.learner_path)
            if oom:
                rec.update(status="oom", message=oom, where=where, traceback=text)
                if case["why"]:
                    rec["diagnosis"] = [case["why"]]
            else:
                msg = f"{type(exc).__name__}: {exc}".strip()
                if where is None:
                    msg += " (raised while the tests were using your result)"
                rec.update(status="error", message=msg.splitlines()[0][:400] if msg else "", where=where,
                           traceback=text)
            return rec
        finally:
            if self.device == "cuda":
                torch.cuda.synchronize()
        detail = self.detailed < DETAILED_FAILURES
        mismatch = compare(expected, got, dtype=case["dtype"], rtol=rtol, atol=atol, device=self.device,
                           detail=detail)
        if mismatch is None:
            return rec
        self.detailed += 1
        suspects = self.suspects(inputs, got, case["dtype"], rtol, atol) if detail else []
        mismatch["diagnosis"] = suspects + mismatch.get("diagnosis", [])
        rec.update(status="fail", message=f"{mismatch['path']}: {mismatch['message']}", mismatch=_clean(mismatch),
                   diagnosis=mismatch["diagnosis"])
        for key in ("max_abs", "max_rel"):
            if key in mismatch:
                rec[key] = _clean(mismatch[key])
        return rec

    def suspects(self, inputs: dict, got: Any, dtype: str, rtol: float, atol: float) -> list[str]:
        from dlquiz.compare import compare

        found = []
        ref_ctx = Ctx(self.torch.float64, self.device, True, is_suspect=True)
        for message, fn in getattr(self.cases_mod, "SUSPECTS", []):
            try:
                wrong = self.run_call(fn, upcast(inputs), ref_ctx)
                if compare(wrong, got, dtype=dtype, rtol=max(rtol * 10, 1e-5), atol=max(atol * 10, 1e-6),
                           device=self.device, detail=False) is None:
                    found.append(message)
            except Exception:  # noqa: BLE001 - a suspect that cannot run simply does not match
                continue
        return found[:2]

    def time_it(self, prepared: list, entry, ref_entry) -> dict:
        from dlquiz.timing import measure_pair

        name = self.spec.timing_case or prepared[0][0]["name"]
        chosen = next((p for p in prepared if p[0]["name"] == name), prepared[-1])
        case, inputs, _ = chosen
        dtype = getattr(self.torch, case["dtype"])
        plain = Ctx(dtype, self.device, False)
        ref_plain = Ctx(dtype, self.device, True)
        try:
            mine, ref = measure_pair(lambda: self.run_call(entry, inputs, plain),
                                     lambda: self.run_call(ref_entry, inputs, ref_plain), self.device,
                                     budget_s=self.job.get("timing_budget_s", 0.1))
        except Exception as exc:  # noqa: BLE001 - timing is a bonus, never a failure
            return {"case": case["name"], "error": f"{type(exc).__name__}: {exc}"}
        return {"case": case["name"], "dtype": case["dtype"], "learner": mine, "reference": ref,
                "threads": self.torch.get_num_threads() if self.device == "cpu" else None}


def serve(job: dict, fd: int) -> None:
    """Run one job, send its report on `fd`, and end the process (never returns)."""
    chan = Channel(fd)
    faulthandler.enable(file=sys.stderr, all_threads=False)
    sys.dont_write_bytecode = True
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if job.get("mode") == "bench":  # `dlquiz bench`: one size of a sweep (bench_worker.py)
        from dlquiz.bench_worker import BenchWorker as cls
    else:
        cls = Worker
    worker = cls(job, chan)
    try:
        if worker.setup():
            worker.run()
        report = worker.report
    except Exception as exc:  # noqa: BLE001 - a bug in dlquiz or in an exercise's cases.py
        from dlquiz.errors import DlquizError

        if isinstance(exc, DlquizError):
            report = worker.fail("config", str(exc))
        else:
            report = worker.fail("internal", f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc())
    chan.send({"event": "report", "report": _clean(report)})
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip interpreter teardown: learner threads or atexit hooks cannot hang us


def main() -> None:
    fd = int(os.environ.pop("DLQUIZ_RESULT_FD"))
    serve(json.loads(sys.argv[1]), fd)


if __name__ == "__main__":
    main()
