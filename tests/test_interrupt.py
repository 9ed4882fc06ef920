"""Ctrl-C during a run: dlquiz exits 130, kills the worker, and leaves the workspace intact."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from conftest import LEARNERS, processes_mentioning, read_progress


def wait_for(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def test_ctrl_c_kills_the_worker_and_exits_130(cli, fixture_catalog, isolated):
    ws = isolated / "ws"
    assert cli("init", ws).code == 0
    os.chdir(ws)
    assert cli("hint", "double").code == 0  # so that progress.json exists before the run
    before = read_progress(ws)
    # The workspace's file for `double` never returns (the `double` exercise allows 30 s).
    learner = ws / "exercises" / "double.py"
    shutil.copy(LEARNERS / "infinite_loop.py", learner)
    started = learner.with_suffix(".started")

    proc = subprocess.Popen([sys.executable, "-m", "dlquiz", "run", "double"], cwd=ws, env=dict(os.environ),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        assert wait_for(lambda: processes_mentioning(str(learner)), 20), "the worker never started"
        assert wait_for(started.exists, 25), "the learner's loop never started"
        time.sleep(2.0)  # the child is now spinning in the learner's loop
        assert processes_mentioning(str(learner))
        t0 = time.monotonic()
        # What a terminal does on Ctrl-C: SIGINT to the foreground process group. The worker
        # runs in a session of its own, so only dlquiz itself receives it.
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for pid in processes_mentioning(str(learner)):
            os.kill(pid, signal.SIGKILL)

    assert proc.returncode == 130, (out, err)
    assert took < 5
    assert "interrupted" in err
    assert "Traceback" not in err
    assert processes_mentioning(str(learner)) == [], "a worker was left running"
    after = read_progress(ws)  # still valid JSON
    assert after == before  # the interrupted run was not recorded
    assert json.loads((ws / ".dlquiz" / "workspace.json").read_text())["format_version"] == 1
    leftovers = [p.name for p in (ws / ".dlquiz").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
