"""Ctrl-C during a run: dlquiz exits 130 at once, kills its workers, and leaves the
workspace intact."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import LEARNERS, processes_mentioning, read_progress


def wait_for(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def tagged_processes(tag: str) -> list[int]:
    """Live processes whose environment holds DLQUIZ_TEST_TAG=tag (workers and zygotes inherit it)."""
    needle = f"DLQUIZ_TEST_TAG={tag}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    pids.append(int(entry.name))
        except OSError:
            continue
    return pids


@pytest.fixture
def looping_workspace(cli, fixture_catalog, isolated) -> Path:
    """A fixture-catalog workspace whose `double` never returns (the exercise allows 30 s)."""
    ws = isolated / "ws"
    assert cli("init", ws).code == 0
    os.chdir(ws)
    assert cli("hint", "double").code == 0  # so that progress.json exists before the run
    shutil.copy(LEARNERS / "infinite_loop.py", ws / "exercises" / "double.py")
    return ws


def interrupt(ws: Path, args: list[str], **env: str) -> tuple[subprocess.Popen, str, str, float, str]:
    """Start `dlquiz ARGS`, wait until the learner's loop runs, then press Ctrl-C."""
    learner = ws / "exercises" / "double.py"
    started = learner.with_suffix(".started")
    tag = uuid.uuid4().hex
    proc = subprocess.Popen([sys.executable, "-m", "dlquiz", *args], cwd=ws,
                            env=dict(os.environ, DLQUIZ_TEST_TAG=tag, **env),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        assert wait_for(started.exists, 25), "the learner's loop never started"
        time.sleep(2.0)  # the worker is now spinning in the learner's loop
        assert len(tagged_processes(tag)) >= 2, "expected dlquiz and its worker"
        t0 = time.monotonic()
        # What a terminal does on Ctrl-C: SIGINT to the foreground process group. Workers run
        # in sessions of their own, so only dlquiz itself receives it.
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc, out, err, took, tag


def assert_clean_interrupt(ws: Path, before: dict, proc, err: str, took: float, tag: str) -> None:
    assert proc.returncode == 130, err
    assert took < 5, f"took {took:.1f} s to stop"
    assert "interrupted" in err and "Traceback" not in err
    leftovers = tagged_processes(tag)
    for pid in leftovers:  # do not leave them spinning whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert leftovers == [], "a worker was left running"
    assert processes_mentioning(str(ws / "exercises" / "double.py")) == []
    assert read_progress(ws) == before  # still valid JSON; the interrupted run was not recorded
    assert json.loads((ws / ".dlquiz" / "workspace.json").read_text())["format_version"] == 1
    assert [p.name for p in (ws / ".dlquiz").iterdir() if p.name.endswith(".tmp")] == []


def test_ctrl_c_during_run(looping_workspace):
    ws = looping_workspace
    before = read_progress(ws)
    proc, _, err, took, tag = interrupt(ws, ["run", "double"])
    assert_clean_interrupt(ws, before, proc, err, took, tag)


@pytest.mark.parametrize("warm", [True, False], ids=["warm-worker", "fresh-workers"])
def test_ctrl_c_during_check(looping_workspace, warm):
    ws = looping_workspace
    before = read_progress(ws)
    env = {} if warm else {"DLQUIZ_NO_ZYGOTE": "1"}
    proc, _, err, took, tag = interrupt(ws, ["check"], **env)
    assert_clean_interrupt(ws, before, proc, err, took, tag)
