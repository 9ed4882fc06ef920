"""Run one job in a child process and collect its Report (parent side; no torch here).

The child runs in its own process group (a new session), so Ctrl-C in the terminal reaches
only dlquiz, which then kills the whole group. The parent enforces the wall-clock timeout,
the child gets an RLIMIT_DATA memory cap on CPU runs (RLIMIT_AS would break CUDA and
OpenBLAS, which reserve large address ranges) and an RLIMIT_FSIZE cap on what it writes.
stdout/stderr go to temporary files and come back truncated; results travel on a pipe of
their own.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from dlquiz import FORMAT_VERSION

OUTPUT_LIMIT = 4000          # characters of learner stdout/stderr kept in a report
FILE_SIZE_LIMIT = 64 << 20   # bytes the child may write to any one file


def _limits(memory_mb: int | None) -> Callable[[], None]:
    def apply() -> None:
        import resource

        if memory_mb:
            cap = memory_mb << 20
            resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _tail(path: str) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    if len(text) > OUTPUT_LIMIT:
        half = OUTPUT_LIMIT // 2
        text = text[:half] + f"\n... [{len(text) - OUTPUT_LIMIT} characters cut] ...\n" + text[-half:]
    return text


class _Spawned:
    """A worker started as a fresh `python -m dlquiz.worker` process."""

    def __init__(self, job: dict, write_fd: int, out, err, memory_mb: int | None):
        env = dict(os.environ, DLQUIZ_RESULT_FD=str(write_fd), PYTHONUNBUFFERED="1")
        env.pop("PYTHONSTARTUP", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dlquiz.worker", json.dumps(job)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=err, pass_fds=(write_fd,),
            start_new_session=True, preexec_fn=_limits(memory_mb), env=env,
        )
        self.pid = self.proc.pid

    def wait(self, timeout: float) -> int | None:
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None


class _Forked:
    """A worker forked from a warm zygote (see zygote.py)."""

    def __init__(self, zygote, job: dict, write_fd: int, out, err, memory_mb: int | None):
        self.zygote = zygote
        self.pid = zygote.start(job, memory_mb, (write_fd, out.fileno(), err.fileno()))

    def wait(self, timeout: float) -> int | None:
        return self.zygote.wait(self.pid, timeout)


def _kill(handle) -> int | None:
    """Kill the worker's whole process group; its return code if it could be reaped."""
    try:
        os.killpg(handle.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return handle.wait(5)


_running: set = set()  # handles of the workers of run_job calls in progress (any thread)
_running_lock = threading.Lock()
_stopping = threading.Event()


def run_parallel(fn: Callable, items: list, workers: int) -> list:
    """`[fn(x) for x in items]` on `workers` threads (for check and dev check). On Ctrl-C
    only the main thread sees KeyboardInterrupt: queued jobs are dropped and running
    workers killed, so the threads end now instead of at their jobs' timeouts."""
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        return list(pool.map(fn, items))
    except BaseException:
        _stopping.set()
        pool.shutdown(wait=False, cancel_futures=True)
        with _running_lock:
            handles = list(_running)
        for handle in handles:
            _killpg(handle)
        raise
    finally:
        pool.shutdown(wait=True)
        _stopping.clear()


def _killpg(handle) -> None:
    try:
        os.killpg(handle.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_job(job: dict, *, timeout_s: float, memory_mb: int | None,
            on_event: Callable[[dict], None] | None = None, zygote=None) -> dict:
    """Run `job` in a worker; always returns a report dict (never raises for learner faults).

    With `zygote` (a zygote.Zygote) the worker is forked from a warm process instead of
    started afresh; everything else is the same.
    """
    read_fd, write_fd = os.pipe()
    out = tempfile.NamedTemporaryFile(prefix="dlquiz-out-", delete=False)
    err = tempfile.NamedTemporaryFile(prefix="dlquiz-err-", delete=False)
    cap = memory_mb if job.get("device", "cpu") == "cpu" else None
    try:
        if zygote is not None:
            handle = _Forked(zygote, job, write_fd, out, err, cap)
        else:
            handle = _Spawned(job, write_fd, out, err, cap)
    except BaseException:
        for fd in (read_fd, write_fd):
            os.close(fd)
        raise
    os.close(write_fd)
    with _running_lock:
        _running.add(handle)
    if _stopping.is_set():  # started just as run_parallel was interrupted
        _killpg(handle)
    events: list[dict] = []
    report = None
    buf = b""
    timed_out = False
    code = None
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], min(left, 0.5))
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if msg.get("event") == "report":
                    report = msg["report"]
                else:
                    events.append(msg)
                    if on_event:
                        on_event(msg)
        if timed_out:
            code = _kill(handle)
        else:
            code = handle.wait(max(1.0, deadline - time.monotonic()))
            if code is None:
                code = _kill(handle)
    except BaseException:
        _kill(handle)  # Ctrl-C or anything else: never leave the worker running
        raise
    finally:
        with _running_lock:
            _running.discard(handle)
        os.close(read_fd)
        out.close()
        err.close()
    stdout, stderr = _tail(out.name), _tail(err.name)
    for f in (out.name, err.name):
        try:
            os.unlink(f)
        except OSError:
            pass
    if report is None:
        report = _crash_report(job, code, timed_out, timeout_s, events, stderr, memory_mb)
    report["stdout"], report["stderr"] = stdout, stderr
    return report


def _running_case(events: list[dict]) -> str | None:
    for e in reversed(events):
        if e.get("event") == "case":
            return e["name"]
        if e.get("event") in ("import", "timing", "start"):
            return {"import": "<import of your file>", "timing": "<timing>", "start": "<reference>"}[e["event"]]
    return None


def _faulthandler_lines(stderr: str, learner: str) -> dict | None:
    """The learner's innermost frame from a faulthandler dump, if any."""
    for m in re.finditer(r'File "([^"]+)", line (\d+) in (\S+)', stderr):
        if os.path.abspath(m.group(1)) == os.path.abspath(learner):
            return {"file": learner, "line": int(m.group(2)), "function": m.group(3), "code": ""}
    return None


def _crash_report(job: dict, code: int | None, timed_out: bool, timeout_s: float, events: list[dict],
                  stderr: str, memory_mb: int | None) -> dict:
    where_case = _running_case(events)
    during = f" while running case {where_case}" if where_case else ""
    if timed_out:
        status, message = "timeout", f"did not finish within {timeout_s:g} s{during}: an infinite loop, or far too slow"
    elif code is not None and code < 0:
        sig = -code
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
        if sig == signal.SIGSEGV:
            status, message = "crash", f"crashed with a segmentation fault{during}"
        elif sig == signal.SIGKILL:
            status, message = "oom", f"was killed{during} (out of memory? the cap is {memory_mb} MiB)"
        else:
            status, message = "crash", f"was stopped by {name}{during}"
    else:
        status = "exit"
        message = (f"the process ended with exit code {code}{during} before reporting: "
                   f"does your code call os._exit() or exit the interpreter?")
    where = _faulthandler_lines(stderr, job["learner"])
    return {
        "format_version": FORMAT_VERSION, "exercise": job["exercise"], "status": "fail",
        "device": job["device"], "seed": job["seed"], "learner_file": job["learner"], "timing": None,
        "error": None,
        "cases": [{"name": where_case or "<run>", "why": "", "random": False, "dtype": "", "params": {},
                   "inputs": {}, "status": status, "message": message, "where": where, "diagnosis": []}],
        "aborted": True,
    }
