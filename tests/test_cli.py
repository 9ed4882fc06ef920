"""The command line on the real catalog (softmax_grad and noncontiguous_view), in-process
through dlquiz.cli.main, with the sandboxed runs it starts."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, read_progress
from dlquiz import catalog
from dlquiz.store import atomic_write_json

SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
SIGNATURE = "def softmax_backward(grad_output: Tensor, output: Tensor, dim: int = -1) -> Tensor"
# A wrong merge_heads: reshapes without moving the head axis.
WRONG_MERGE = '''import torch


def merge_heads(x):
    B, H, T, D = x.shape
    return x.reshape(B, T, H * D)
'''


def starter(ex_id: str) -> bytes:
    return (EXERCISES / ex_id / "starter.py").read_bytes()


def solve(ws: Path, ex_id: str) -> Path:
    path = ws / "exercises" / f"{ex_id}.py"
    shutil.copy(SOLUTIONS / f"{ex_id}.py", path)
    return path


def one_line_error(res) -> None:
    assert res.code == 2, res.text
    assert "Traceback" not in res.text
    assert res.err.startswith("error: ")


# -- init -------------------------------------------------------------------------------------
def test_init_creates_the_workspace_and_refuses_to_overwrite(cli, isolated):
    res = cli("init", "practice")
    assert res.code == 0, res.text
    ws = isolated / "practice"
    assert "Created practice with" in res.out and "dlquiz list" in res.out
    for ex_id in ("softmax_grad", "noncontiguous_view"):
        assert (ws / "exercises" / f"{ex_id}.py").read_bytes() == starter(ex_id)
    assert (ws / "README.md").is_file()
    marker = json.loads((ws / ".dlquiz" / "workspace.json").read_text())
    assert marker["format_version"] == 1

    (ws / "exercises" / "softmax_grad.py").write_text("# my work\n")
    again = cli("init", "practice")
    one_line_error(again)
    assert "already a dlquiz workspace" in again.err and "nothing was changed" in again.err
    assert (ws / "exercises" / "softmax_grad.py").read_text() == "# my work\n"

    (isolated / "busy").mkdir()
    (isolated / "busy" / "notes.txt").write_text("mine")
    busy = cli("init", "busy")
    one_line_error(busy)
    assert "not empty" in busy.err
    assert sorted(p.name for p in (isolated / "busy").iterdir()) == ["notes.txt"]


# -- list -------------------------------------------------------------------------------------
def test_list_outside_a_workspace(cli):
    res = cli("list")
    assert res.code == 0, res.text
    for text in ("softmax_grad", "noncontiguous_view", "Tensor mechanics", "Activations, forward and backward",
                 "No workspace here"):
        assert text in res.out


def test_list_json_and_statuses(cli, workspace):
    atomic_write_json(workspace / ".dlquiz" / "progress.json", {
        "format_version": 1, "active_days": [], "current": None,
        "exercises": {"softmax_grad": {"status": "done", "best_time_s": 0.0012},
                      "noncontiguous_view": {"status": "attempted"}}})
    res = cli("list", "--json")
    assert res.code == 0, res.text
    data = res.json()
    assert data["format_version"] == 1
    rows = {r["id"]: r for r in data["exercises"]}
    for row in rows.values():
        assert {"id", "title", "topic", "difficulty", "kind", "status", "best_time_s", "requires"} <= set(row)
    assert rows["softmax_grad"]["topic"] == "activations"
    assert rows["softmax_grad"]["difficulty"] == 2
    assert rows["softmax_grad"]["status"] == "done"
    assert rows["softmax_grad"]["best_time_s"] == 0.0012
    assert rows["noncontiguous_view"]["topic"] == "tensors"
    assert rows["noncontiguous_view"]["status"] == "attempted"

    text = cli("list")
    assert text.code == 0
    line = next(ln for ln in text.out.splitlines() if "softmax_grad" in ln)
    assert "done" in line and "1.20 ms" in line
    assert "No workspace here" not in text.out


def test_list_by_topic(cli):
    res = cli("list", "--topic", "tensors", "--json")
    assert res.code == 0
    ids = [r["id"] for r in res.json()["exercises"]]
    assert "noncontiguous_view" in ids and "softmax_grad" not in ids

    typo = cli("list", "--topic", "tensor")
    one_line_error(typo)
    assert "unknown topic 'tensor'" in typo.err
    assert "Did you mean 'tensors'?" in typo.err

    nosuch = cli("list", "--topic", "nosuch")
    one_line_error(nosuch)
    assert "unknown topic 'nosuch'" in nosuch.err
    assert "Topics: python, probability" in nosuch.err


def test_list_in_chinese(cli, monkeypatch):
    monkeypatch.setenv("DLQUIZ_LANG", "zh")
    res = cli("list", "--json")
    assert res.code == 0
    rows = {r["id"]: r for r in res.json()["exercises"]}
    assert rows["softmax_grad"]["title"] == "不用 autograd 求 softmax 的反向传播"
    bad = cli("list", "--lang", "fr")
    one_line_error(bad)
    assert "unknown language 'fr'" in bad.err


# -- show, hint, solution, reset ------------------------------------------------------------
def test_show(cli, workspace):
    res = cli("show", "softmax_grad")
    assert res.code == 0, res.text
    assert "Softmax backward without autograd" in res.out
    assert SIGNATURE in res.out
    assert "Your file: exercises/softmax_grad.py" in res.out
    assert "dlquiz run softmax_grad" in res.out
    assert "Not allowed: torch.softmax" in res.out
    assert read_progress(workspace)["current"] == "softmax_grad"

    os.chdir(workspace.parent)  # outside the workspace: no file to point at
    outside = cli("show", "softmax_grad")
    assert outside.code == 0
    assert SIGNATURE in outside.out and "Your file" not in outside.out

    missing = cli("show", "softmax_gard")
    one_line_error(missing)
    assert "Did you mean softmax_grad," in missing.err  # the closest id first


def test_hint_goes_one_level_deeper_each_time(cli, workspace):
    n = len(catalog.get("softmax_grad").hints)
    first = cli("hint", "softmax_grad")
    assert first.code == 0, first.text
    assert f"hint 1 of {n}" in first.out and "Write the Jacobian of one row" in first.out
    second = cli("hint", "softmax_grad")
    assert f"hint 2 of {n}" in second.out
    assert read_progress(workspace)["exercises"]["softmax_grad"]["hints_shown"] == 2
    for _ in range(n):
        last = cli("hint", "softmax_grad")
    assert f"hint {n} of {n}" in last.out and "That was the last hint" in last.out
    assert read_progress(workspace)["exercises"]["softmax_grad"]["hints_shown"] == n

    os.chdir(workspace.parent)
    outside = cli("hint", "softmax_grad")
    assert f"hint 1 of {n}" in outside.out and "not remembered" in outside.out


def test_solution_is_hidden_until_forced_or_passed(cli, workspace):
    hidden = cli("solution", "noncontiguous_view")
    one_line_error(hidden)
    assert "has not passed yet" in hidden.err and "--force" in hidden.err
    assert "def merge_heads" not in hidden.text

    forced = cli("solution", "noncontiguous_view", "--force")
    assert forced.code == 0, forced.text
    assert "Reference solution for noncontiguous_view" in forced.out
    assert "reshape(B, T, H * D)" in forced.out
    rec = read_progress(workspace)["exercises"]["noncontiguous_view"]
    assert rec["solution_viewed"] is True and rec["solution_forced"] is True


def test_reset_restores_the_starter(cli, workspace):
    path = workspace / "exercises" / "noncontiguous_view.py"
    path.write_text(WRONG_MERGE)
    res = cli("reset", "noncontiguous_view", "--yes")
    assert res.code == 0, res.text
    assert "back to the starter" in res.out
    assert path.read_bytes() == starter("noncontiguous_view")
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_progress_shows_topics_and_streak(cli, workspace):
    today = dt.date.today()
    days = [(today - dt.timedelta(days=n)).isoformat() for n in (0, 1, 2, 5)]
    atomic_write_json(workspace / ".dlquiz" / "progress.json", {
        "format_version": 1, "current": "softmax_grad", "active_days": days,
        "exercises": {"softmax_grad": {"status": "done", "hints_shown": 2},
                      "noncontiguous_view": {"status": "attempted", "hints_shown": 1}}})
    res = cli("progress")
    assert res.code == 0, res.text
    act = next(ln for ln in res.out.splitlines() if "Activations, forward and backward" in ln)
    assert "1/" in act
    assert any("Tensor mechanics" in ln for ln in res.out.splitlines())
    assert "hints used" in res.out and "3 hints used" in res.out
    assert "streak 3 days" in res.out


def test_commands_that_need_a_workspace_say_so(cli):
    for args in (("progress",), ("run", "softmax_grad"), ("reset", "softmax_grad", "--yes")):
        res = cli(*args)
        one_line_error(res)
        assert "no dlquiz workspace" in res.err and "dlquiz init" in res.err


# -- run ----------------------------------------------------------------------------------------
def test_run_records_attempts_and_a_pass(cli, workspace):
    res = cli("run", "noncontiguous_view", "--json")  # the starter crashes: view on a non-contiguous tensor
    assert res.code == 1, res.text
    assert res.json()["status"] == "fail"
    rec = read_progress(workspace)["exercises"]["noncontiguous_view"]
    assert rec["attempts"] == 1 and rec["status"] == "attempted" and rec["passes"] == 0
    assert rec["best_time_s"] is None

    solve(workspace, "noncontiguous_view")
    res = cli("run", "noncontiguous_view")
    assert res.code == 0, res.text
    assert "✓ noncontiguous_view" in res.out and "cases passed" in res.out
    assert "time  yours" in res.out
    data = read_progress(workspace)
    rec = data["exercises"]["noncontiguous_view"]
    assert rec["attempts"] == 2 and rec["passes"] == 1 and rec["status"] == "done"
    assert rec["best_time_s"] > 0 and rec["first_passed_at"]
    assert data["current"] == "noncontiguous_view"
    assert dt.date.today().isoformat() in data["active_days"]

    # Once passed, the solution is shown without --force and not counted as forced.
    shown = cli("solution", "noncontiguous_view")
    assert shown.code == 0
    assert read_progress(workspace)["exercises"]["noncontiguous_view"]["solution_forced"] is False


def test_run_verdict_screen_for_a_wrong_answer(cli, workspace):
    (workspace / "exercises" / "noncontiguous_view.py").write_text(WRONG_MERGE)
    res = cli("run", "noncontiguous_view", "--seed", "5")
    assert res.code == 1, res.text
    out = res.out
    assert "✗ noncontiguous_view" in out and "seed 5" in out
    assert "✗ case basic" in out
    assert "max abs error" in out and "worst elements" in out
    assert "Next: edit exercises/noncontiguous_view.py" in out and "--seed 5" in out
    assert "Traceback" not in res.text


def test_run_unknown_exercise(cli, workspace):
    res = cli("run", "softmax_gard")
    one_line_error(res)
    assert "no exercise named 'softmax_gard'" in res.err and "Did you mean softmax_grad," in res.err
    nosuch = cli("run", "nosuch")
    one_line_error(nosuch)
    assert "no exercise named 'nosuch'" in nosuch.err and "dlquiz list" in nosuch.err
    assert not (workspace / ".dlquiz" / "progress.json").exists()  # nothing was recorded


def test_run_unknown_device_and_case(cli):
    sol = SOLUTIONS / "softmax_grad.py"
    dev = cli("run", "softmax_grad", "--solution", sol, "--device", "tpu")
    one_line_error(dev)
    assert "unknown device 'tpu'" in dev.err
    case = cli("run", "softmax_grad", "--solution", sol, "--case", "nosuch")
    one_line_error(case)
    assert "no case named 'nosuch'" in case.err and "dim0" in case.err
    missing = cli("run", "softmax_grad", "--solution", "nowhere.py")
    one_line_error(missing)
    assert "does not exist" in missing.err


def test_run_cuda_without_a_gpu_is_a_usage_error(cli, workspace):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    res = cli("run", "softmax_grad", "--device", "cuda")
    one_line_error(res)
    assert "no CUDA device" in res.err
    assert len(res.err.strip().splitlines()) == 1  # one sentence, no traceback, no hint
    data = read_progress(workspace) if (workspace / ".dlquiz" / "progress.json").exists() else {"exercises": {}}
    assert data["exercises"].get("softmax_grad", {}).get("attempts", 0) == 0  # not an attempt


def test_run_one_case(cli):
    res = cli("run", "softmax_grad", "--solution", SOLUTIONS / "softmax_grad.py", "--case", "dim0", "--json")
    assert res.code == 0, res.text
    report = res.json()
    assert [c["name"] for c in report["cases"]] == ["dim0"]
    assert report["status"] == "pass"


def test_seed_reproduces_the_cases(cli, dlquiz_proc):
    args = ("run", "noncontiguous_view", "--solution", SOLUTIONS / "noncontiguous_view.py", "--json")

    def cases(report):
        return [(c["name"], c["params"], c["inputs"], c["dtype"], c["status"]) for c in report["cases"]]

    a = cli(*args, "--seed", "1234")
    b = dlquiz_proc(*args, "--seed", "1234")  # another process: nothing cached
    assert a.code == b.code == 0, a.text + b.text
    ra, rb = a.json(), b.json()
    assert ra["seed"] == rb["seed"] == 1234
    assert cases(ra) == cases(rb)
    assert sum(c["random"] for c in ra["cases"]) == 20


def test_run_from_a_subfolder_finds_the_workspace(cli, workspace):
    solve(workspace, "noncontiguous_view")
    sub = workspace / "exercises" / "deeper"
    sub.mkdir()
    os.chdir(sub)
    res = cli("run", "noncontiguous_view", "--json")
    assert res.code == 0, res.text
    assert res.json()["learner_file"] == str(workspace / "exercises" / "noncontiguous_view.py")
    assert read_progress(workspace)["exercises"]["noncontiguous_view"]["attempts"] == 1


def test_dlquiz_home_points_at_the_workspace_from_elsewhere(cli, workspace, monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    monkeypatch.setenv("DLQUIZ_HOME", str(workspace))
    assert cli("hint", "noncontiguous_view").code == 0
    assert read_progress(workspace)["exercises"]["noncontiguous_view"]["hints_shown"] == 1
    res = cli("run", "noncontiguous_view", "--case", "basic", "--json")
    assert res.code == 1  # the starter
    assert read_progress(workspace)["exercises"]["noncontiguous_view"]["attempts"] == 1
    assert not (elsewhere / ".dlquiz").exists()

    monkeypatch.setenv("DLQUIZ_HOME", str(elsewhere))
    bad = cli("progress")
    one_line_error(bad)
    assert "DLQUIZ_HOME" in bad.err and "is not a dlquiz workspace" in bad.err


def test_corrupt_progress_is_set_aside_and_the_run_still_works(cli, workspace):
    state = workspace / ".dlquiz"
    (state / "progress.json").write_text('{"exercises": {"softmax_grad": ')
    res = cli("run", "noncontiguous_view", "--case", "basic", "--json")
    assert res.code == 1  # the starter fails; what matters is that it ran and was recorded
    assert res.json()["cases"][0]["name"] == "basic"
    assert "warning: progress.json could not be read" in res.err
    aside = list(state.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].name in res.err
    assert aside[0].read_text() == '{"exercises": {"softmax_grad": '
    assert read_progress(workspace)["exercises"]["noncontiguous_view"]["attempts"] == 1


def test_check_summarizes_started_exercises(cli, workspace):
    solve(workspace, "softmax_grad")
    (workspace / "exercises" / "noncontiguous_view.py").write_text(WRONG_MERGE)
    res = cli("check", "--jobs", "2")
    assert res.code == 1, res.text
    lines = res.out.splitlines()
    assert "Checking 2 exercise(s)" in res.out
    assert any("exercise" in ln and "result" in ln and "first problem" in ln for ln in lines)
    ok = next(ln for ln in lines if ln.strip().startswith("softmax_grad"))
    bad = next(ln for ln in lines if ln.strip().startswith("noncontiguous_view"))
    n = len(catalog.get("softmax_grad").cases) + catalog.get("softmax_grad").random_cases
    assert "pass" in ok and f"{n}/{n}" in ok
    assert "fail" in bad and "basic" in bad
    assert "1/2 exercises pass" in res.out
    data = read_progress(workspace)["exercises"]
    assert data["softmax_grad"]["status"] == "done"
    assert data["noncontiguous_view"]["status"] == "attempted"


def test_check_with_nothing_started(cli, workspace):
    res = cli("check")
    assert res.code == 0
    assert "Nothing to check yet" in res.out


# -- next and random (fixture catalog: double, then double_tight which requires it) -----------
def mark_done(ws: Path, *ids: str) -> None:
    atomic_write_json(ws / ".dlquiz" / "progress.json", {
        "format_version": 1, "active_days": [], "current": None,
        "exercises": {i: {"status": "done"} for i in ids}})


def test_next_follows_requirements(cli, fixture_catalog, isolated):
    ws = isolated / "ws"
    assert cli("init", ws).code == 0
    os.chdir(ws)
    first = cli("next")
    assert first.code == 0, first.text
    assert "Double a tensor" in first.out and "def double(x: Tensor) -> Tensor" in first.out
    assert "Your file: exercises/double.py" in first.out
    assert read_progress(ws)["current"] == "double"
    mark_done(ws, "double")
    second = cli("next")
    assert "dlquiz run double_tight" in second.out
    assert read_progress(ws)["current"] == "double_tight"
    mark_done(ws, "double", "double_tight")
    done = cli("next")
    assert done.code == 0 and "All 2 exercises are done" in done.out


def test_random_draws_from_what_is_left(cli, fixture_catalog, isolated):
    ws = isolated / "ws"
    assert cli("init", ws).code == 0
    os.chdir(ws)
    mark_done(ws, "double")
    for _ in range(3):
        res = cli("random", "--topic", "tensors", "--new-only")
        assert res.code == 0, res.text
        assert "dlquiz run double_tight" in res.out
    mark_done(ws, "double", "double_tight")
    empty = cli("random", "--new-only")
    one_line_error(empty)
    assert "no exercise left to draw" in empty.err
    anyone = cli("random")
    assert anyone.code == 0 and "Signature" in anyone.out


@pytest.mark.cuda
def test_run_on_cuda(dlquiz_proc):
    res = dlquiz_proc("run", "softmax_grad", "--solution", SOLUTIONS / "softmax_grad.py", "--device", "cuda",
                      "--json")
    assert res.code == 0, res.text
    report = res.json()
    assert report["device"] == "cuda" and report["status"] == "pass"
    assert report["timing"]["learner"]["median_s"] > 0
