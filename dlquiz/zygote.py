"""A warm worker: one process that has imported torch (CUDA untouched) and forks a child per
job, so `watch`, `check` and `dev check` skip the ~1.5 s torch import on every run.

The parent talks to it over an AF_UNIX SOCK_SEQPACKET socket (one message per packet).
A request carries the job as JSON plus three file descriptors (SCM_RIGHTS): the result
pipe's write end and the files for stdout and stderr, so the forked child reports exactly
as a freshly started worker would. The zygote answers with the child's pid, and later with
its exit code once reaped. Each child calls setsid(), so the parent kills a whole job with
os.killpg(pid), as for a subprocess. If the parent goes away, the zygote kills its children
and exits.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from typing import Any

CONTROL_FD_ENV = "DLQUIZ_ZYGOTE_FD"
MAX_MESSAGE = 1 << 20


# -- zygote side --------------------------------------------------------------------------
def _child(sock: socket.socket, request: dict, fds: list[int]) -> None:
    """In the forked child: become a fresh worker for this one job."""
    result_fd, out_fd, err_fd = fds
    try:
        os.setsid()
        sock.close()
        from dlquiz.sandbox import _limits

        _limits(request.get("memory_mb"))()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        for fd in (devnull, out_fd, err_fd):
            os.close(fd)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        from dlquiz import worker

        worker.serve(request["job"], result_fd)
    finally:
        os._exit(70)  # only reached if serve() itself failed to start


def serve() -> None:
    sock = socket.socket(fileno=int(os.environ.pop(CONTROL_FD_ENV)))
    # Preload what every job needs; touch no CUDA (a forked CUDA context is unusable).
    import numpy  # noqa: F401
    import torch  # noqa: F401
    import yaml  # noqa: F401

    from dlquiz import caselib, compare, diagnose, guards, spec, timing, worker  # noqa: F401

    children: set[int] = set()
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)  # nothing printed here may reach the parent's terminal
    sock.setblocking(True)
    try:
        while True:
            ready, _, _ = select.select([sock], [], [], 0.05)
            if ready:
                try:
                    data, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 3)
                except OSError:
                    break
                if not data:
                    break
                request = json.loads(data)
                pid = os.fork()
                if pid == 0:
                    _child(sock, request, fds)
                for fd in fds:
                    os.close(fd)
                children.add(pid)
                sock.send(json.dumps({"id": request["id"], "pid": pid}).encode())
            while children:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                children.discard(pid)
                sock.send(json.dumps({"pid": pid, "returncode": os.waitstatus_to_exitcode(status)}).encode())
    finally:
        for pid in children:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        os._exit(0)


# -- parent side --------------------------------------------------------------------------
def maybe_start() -> "Zygote | None":
    """A warm worker, or None where one cannot run (DLQUIZ_NO_ZYGOTE=1, no fork or no
    SOCK_SEQPACKET): callers then start a fresh worker per job, which is only slower."""
    if os.environ.get("DLQUIZ_NO_ZYGOTE") or not hasattr(os, "fork") or not hasattr(socket, "SOCK_SEQPACKET"):
        return None
    try:
        return Zygote()
    except OSError:
        return None


class Zygote:
    """Client for a warm worker; thread-safe, so `check` can run several jobs at once."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = dict(os.environ, **{CONTROL_FD_ENV: str(theirs.fileno())}, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "dlquiz.zygote"], pass_fds=(theirs.fileno(),),
                                     env=env, stdin=subprocess.DEVNULL, start_new_session=True)
        theirs.close()
        self.sock = ours
        self.lock = threading.Lock()
        self.cond = threading.Condition()
        self.pids: dict[int, int] = {}        # request id -> pid
        self.exits: dict[int, int] = {}       # pid -> return code
        self.next_id = 0
        self.dead = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = self.sock.recv(MAX_MESSAGE)
            except OSError:
                data = b""
            with self.cond:
                if not data:
                    self.dead = True
                    self.cond.notify_all()
                    return
                msg = json.loads(data)
                if "id" in msg:
                    self.pids[msg["id"]] = msg["pid"]
                else:
                    self.exits[msg["pid"]] = msg["returncode"]
                self.cond.notify_all()

    def start(self, job: dict, memory_mb: int | None, fds: tuple[int, int, int], timeout: float = 30.0) -> int:
        """Fork a child for `job`; returns its pid (its process group id too)."""
        with self.cond:
            self.next_id += 1
            rid = self.next_id
        payload = json.dumps({"id": rid, "job": job, "memory_mb": memory_mb}).encode()
        with self.lock:
            socket.send_fds(self.sock, [payload], list(fds))
        with self.cond:
            if not self.cond.wait_for(lambda: rid in self.pids or self.dead, timeout=timeout):
                raise RuntimeError("the warm worker did not answer")
            if self.dead:
                raise RuntimeError("the warm worker has exited")
            return self.pids.pop(rid)

    def wait(self, pid: int, timeout: float) -> int | None:
        with self.cond:
            self.cond.wait_for(lambda: pid in self.exits or self.dead, timeout=timeout)
            return self.exits.pop(pid, None)

    def close(self) -> None:
        try:
            # shutdown() first: close() alone neither wakes the reader thread blocked in
            # recv() nor, while that recv holds the socket, lets the zygote see EOF.
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()

    def __enter__(self) -> "Zygote":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


if __name__ == "__main__":
    serve()
