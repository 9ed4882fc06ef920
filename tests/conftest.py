"""Shared fixtures for the dlquiz test suite.

- Every test runs isolated: its own temporary cwd, no DLQUIZ_HOME / DLQUIZ_LANG /
  DLQUIZ_CATALOG / DLQUIZ_QUIZZES / DLQUIZ_NO_ZYGOTE from the caller's environment, a wide terminal for Rich.
- Tests marked slow are skipped unless `--run-slow` or `-m slow` is given; tests marked
  cuda are skipped without a CUDA device.
- `cli` runs the real console entry point in-process (exit codes, stdout, stderr).
- `dlquiz_proc` runs `python -m dlquiz ...` in a subprocess.
- `learner_runs` runs the fixture learner files of tests/fixtures/learners/ against the
  fixture exercise `double` (tests/fixtures/catalog), several at a time in the
  background: each run costs a torch import in a child, so the suite starts every run its
  tests ask for (with @pytest.mark.learner(NAME)) as soon as the first one is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
FIXTURE_CATALOG = FIXTURES / "catalog"
LEARNERS = FIXTURES / "learners"
ISOLATED_VARS = ("DLQUIZ_HOME", "DLQUIZ_LANG", "DLQUIZ_CATALOG", "DLQUIZ_QUIZZES", "DLQUIZ_NO_ZYGOTE", "PYTHONSTARTUP")

_WANTED_LEARNERS = pytest.StashKey[list]()


# -- options, markers, skipping ------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run tests marked slow (dev check of the real exercises)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "learner(*names): fixture learner files this test runs (prefetched)")


def _cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    run_slow = config.getoption("--run-slow") or "slow" in (config.getoption("markexpr") or "")
    has_cuda = None
    wanted: list[str] = []
    for item in items:
        if item.get_closest_marker("slow") and not run_slow:
            item.add_marker(pytest.mark.skip(reason="slow: run with --run-slow or -m slow"))
        if item.get_closest_marker("cuda"):
            if has_cuda is None:
                has_cuda = _cuda_available()
            if not has_cuda:
                item.add_marker(pytest.mark.skip(reason="no CUDA device"))
        for marker in item.iter_markers("learner"):
            for name in marker.args:
                if name not in wanted:
                    wanted.append(name)
    config.stash[_WANTED_LEARNERS] = wanted


# -- isolation ----------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cwd and an environment without the caller's dlquiz settings."""
    for var in ISOLATED_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARS}
    env.update(COLUMNS="200", NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


@pytest.fixture
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point dlquiz at the tiny fixture catalog (exercises double, double_tight)."""
    monkeypatch.setenv("DLQUIZ_CATALOG", str(FIXTURE_CATALOG))
    return FIXTURE_CATALOG


# -- running the CLI ------------------------------------------------------------------------
@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    @property
    def text(self) -> str:
        return self.out + self.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """Run `dlquiz ARGS` in-process through the console entry point (dlquiz.cli.main)."""
    from dlquiz.cli import main

    def invoke(*args) -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["dlquiz", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


@pytest.fixture
def dlquiz_proc():
    """Run `python -m dlquiz ARGS` in a subprocess with the test's cwd and environment."""

    def run(*args, timeout: float = 120, **kwargs) -> Result:
        # os.environ is already isolated by the autouse fixture (plus what the test set).
        proc = subprocess.run([sys.executable, "-m", "dlquiz", *map(str, args)], capture_output=True,
                              text=True, timeout=timeout, env=dict(os.environ), **kwargs)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def workspace(cli, isolated: Path) -> Path:
    """A fresh workspace made by `dlquiz init` (real catalog), and cwd inside it."""
    root = isolated / "ws"
    res = cli("init", root)
    assert res.code == 0, res.text
    os.chdir(root)
    return root


def read_progress(root: Path) -> dict:
    return json.loads((root / ".dlquiz" / "progress.json").read_text(encoding="utf-8"))


# -- fixture learner runs -------------------------------------------------------------------------
@dataclass
class LearnerRun:
    name: str
    path: Path
    code: int
    report: dict
    stdout: str
    stderr: str
    elapsed_s: float
    cases: list = field(default_factory=list)

    def line(self, tag: str = "HERE") -> int:
        """1-based number of the line of the learner file holding the comment `# TAG`."""
        for i, text in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if text.rstrip().endswith(f"# {tag}"):
                return i
        raise AssertionError(f"{self.path.name} has no line marked # {tag}")

    def case_statuses(self) -> set[str]:
        return {c["status"] for c in self.report.get("cases", [])}


def learner_exercise(path: Path) -> str:
    """The fixture exercise a learner file is written for: its `# exercise: ID` line, or double."""
    for text in path.read_text(encoding="utf-8").splitlines()[:5]:
        if text.startswith("# exercise:"):
            return text.split(":", 1)[1].strip()
    return "double"


class LearnerRuns:
    """`dlquiz run EXERCISE --solution LEARNER --json` for fixture learners, run in the background."""

    def __init__(self, workdir: Path, workers: int):
        self.workdir = workdir
        self.pool = ThreadPoolExecutor(max_workers=workers)
        self.futures: dict[str, Future] = {}
        self.env = clean_env(DLQUIZ_CATALOG=str(FIXTURE_CATALOG))

    def submit(self, name: str) -> None:
        if name not in self.futures:
            self.futures[name] = self.pool.submit(self._run, name)

    def get(self, name: str) -> LearnerRun:
        self.submit(name)
        return self.futures[name].result()

    def _run(self, name: str) -> LearnerRun:
        path = self.workdir / f"{name}.py"
        cmd = [sys.executable, "-m", "dlquiz", "run", learner_exercise(path), "--solution", path.name, "--json"]
        t0 = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=self.workdir, env=self.env, timeout=180)
        elapsed = time.monotonic() - t0
        try:
            report = json.loads(proc.stdout)
        except ValueError:
            raise AssertionError(f"{name}: no JSON report (exit {proc.returncode})\n"
                                 f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}") from None
        return LearnerRun(name, path, proc.returncode, report, proc.stdout, proc.stderr, elapsed,
                          report.get("cases", []))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def learner_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Runs of the fixture learners; the learner files are copied to a temporary folder
    that is also the runs' cwd, so tracebacks show bare file names."""
    work = tmp_path_factory.mktemp("learners")
    for f in LEARNERS.glob("*.py"):
        shutil.copy(f, work / f.name)
    runs = LearnerRuns(work, workers=max(3, min(4, os.cpu_count() or 2)))
    for name in request.config.stash.get(_WANTED_LEARNERS, []):
        runs.submit(name)
    yield runs
    runs.close()


# -- /proc helpers ----------------------------------------------------------------------------
def processes_mentioning(text: str) -> list[int]:
    """Pids of live (non-zombie) processes whose command line contains `text`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            pids.append(int(entry.name))
    return pids
