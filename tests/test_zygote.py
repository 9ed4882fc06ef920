"""The warm worker (zygote) used by check, dev check and watch: a forked worker must report
every failure mode exactly as a freshly started one does."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import FIXTURE_CATALOG, LEARNERS, learner_exercise
from dlquiz import runner, zygote
from dlquiz.spec import load_spec

NAMES = sorted(p.stem for p in LEARNERS.glob("*.py"))


@pytest.fixture(scope="module")
def forked(tmp_path_factory):
    """Every fixture learner run through one warm worker, several at a time."""
    work = tmp_path_factory.mktemp("forked")
    for f in LEARNERS.glob("*.py"):
        shutil.copy(f, work / f.name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DLQUIZ_CATALOG", str(FIXTURE_CATALOG))
        mp.delenv("DLQUIZ_NO_ZYGOTE", raising=False)
        specs = {ex: load_spec(FIXTURE_CATALOG / "exercises" / ex) for ex in ("double", "double_tight")}
        warm = zygote.Zygote()
        try:
            def one(name: str) -> tuple[str, dict]:
                path = work / f"{name}.py"
                return name, runner.run_exercise(specs[learner_exercise(path)], path, zygote=warm)

            with ThreadPoolExecutor(max_workers=4) as pool:
                results = dict(pool.map(one, NAMES))
        finally:
            warm.close()
        yield results, warm


def summary(report: dict) -> dict:
    """What must not depend on how the worker was started (nor on the seed)."""
    error = report.get("error") or {}
    cases = report.get("cases") or []
    first = cases[0] if cases else {}
    return {
        "status": report["status"], "error_kind": error.get("kind"), "error_message": error.get("message"),
        "error_line": (error.get("where") or {}).get("line"), "n_cases": len(cases),
        "case_statuses": sorted({c["status"] for c in cases}), "first_case": first.get("name"),
        "first_message": first.get("message"), "first_line": (first.get("where") or {}).get("line"),
        "aborted": report.get("aborted", False), "timed": bool((report.get("timing") or {}).get("learner")),
    }


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.learner(*NAMES)
def test_forked_worker_reports_like_a_fresh_one(name, forked, learner_runs):
    results, _ = forked
    report = results[name]
    fresh = learner_runs.get(name).report
    mine, theirs = summary(report), summary(fresh)
    if name == "infinite_loop":
        # Which case was running when the clock ran out depends on the machine's load
        # (a fresh worker may still be importing torch), so only the verdict is compared.
        for s in (mine, theirs):
            assert s["first_message"].startswith("did not finish within 10 s")
            del s["first_case"], s["first_message"]
    assert mine == theirs


def test_the_warm_worker_exits_cleanly(forked):
    _, warm = forked
    # 0: it left on its own as soon as the socket closed; -9 would mean close() had to
    # wait out its 3 s grace period and kill it.
    assert warm.proc.returncode == 0
