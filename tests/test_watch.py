"""`dlquiz watch` in a real terminal (a pty): it runs at once, re-runs on save, answers keys,
and quits on `q` leaving the terminal as it was."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_CATALOG, read_progress

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


class Terminal:
    """`python -m dlquiz ARGS` on a pseudo-terminal; `wait_for` reads its screen output."""

    def __init__(self, args: list[str], cwd: Path):
        self.master, slave = os.openpty()
        env = dict(os.environ, COLUMNS="100", LINES="40", TERM="xterm")
        self.proc = subprocess.Popen([sys.executable, "-m", "dlquiz", *args], cwd=cwd, env=env,
                                     stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, timeout: float = 60, after: str | None = None) -> str:
        """Wait until `text` appears (after the last `after` seen so far, when given)."""
        deadline = time.monotonic() + timeout

        def found() -> bool:
            start = self.seen.rfind(after) if after else 0
            return start >= 0 and text in self.seen[start:]

        while not found():
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                raise AssertionError(f"never saw {text!r}; the screen so far:\n{self.seen[-3000:]}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    self.seen += ANSI.sub("", os.read(self.master, 65536).decode("utf-8", "replace"))
                except OSError:
                    pass
        return self.seen

    def press(self, key: str) -> None:
        os.write(self.master, key.encode())

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)


@pytest.fixture
def watched(cli, fixture_catalog, isolated):
    ws = isolated / "ws"
    assert cli("init", ws).code == 0
    terminals = []

    def start(*args: str) -> Terminal:
        term = Terminal(["watch", *args], ws)
        terminals.append(term)
        return term

    yield ws, start
    for term in terminals:
        term.close()


@pytest.mark.parametrize("mode", [["--poll"], []], ids=["polling", "file-events"])
def test_watch_reruns_on_save_and_answers_keys(watched, mode):
    ws, start = watched
    term = start("double", *mode)
    term.wait_for("NotImplementedError: double is not written yet")
    term.wait_for("[q] quit", after="Next: edit")  # the keys line under the verdict
    learner = ws / "exercises" / "double.py"
    shutil.copy(FIXTURE_CATALOG / "solutions" / "double.py", learner)
    term.wait_for("Passed. Press n for the next exercise.")
    assert read_progress(ws)["exercises"]["double"]["status"] == "done"
    term.press("h")
    term.wait_for("Adding a tensor to itself doubles it.")
    assert read_progress(ws)["exercises"]["double"]["hints_shown"] == 1
    term.press("q")
    assert term.proc.wait(timeout=20) == 0
    assert "Traceback" not in term.seen


def test_watch_n_moves_to_the_next_exercise(watched):
    ws, start = watched
    term = start("double", "--poll")
    term.wait_for("[q] quit", after="Next: edit")
    term.press("n")
    term.wait_for("watching exercises/double_tight.py")
    term.wait_for("[q] quit", after="Next: edit exercises/double_tight.py")
    assert read_progress(ws)["current"] == "double_tight"
    term.press("q")
    assert term.proc.wait(timeout=20) == 0


def test_watch_outside_a_workspace_is_a_clear_error(dlquiz_proc, fixture_catalog):
    res = dlquiz_proc("watch")
    assert res.code == 2
    assert "no dlquiz workspace" in res.err and "Traceback" not in res.err
