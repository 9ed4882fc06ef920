"""How a run reports each way a learner's file can go wrong, through the real CLI
(`python -m dlquiz run double --solution FILE --json`) and the real sandbox.

The learner files are in tests/fixtures/learners/, the exercise in tests/fixtures/catalog/.
Runs are started in the background by the `learner_runs` fixture (see conftest.py).
"""

from __future__ import annotations

import pytest

from dlquiz.sandbox import OUTPUT_LIMIT

INTERNAL = ("dlquiz/", "worker.py", "guards.py", "sandbox.py", "importlib", "<frozen")
N_CASES = 3 + 20  # fixed cases of the fixture exercise + its random cases


def first_case(run) -> dict:
    assert run.cases, f"{run.name}: no cases in the report: {run.report}"
    return run.cases[0]


def assert_failed(run) -> None:
    assert run.code == 1, f"{run.name}: exit {run.code}\n{run.stderr}"
    assert run.report["status"] in ("fail", "error")
    assert "Traceback (most recent call last)" not in run.stderr, run.stderr


def assert_learner_only(traceback: str) -> None:
    for internal in INTERNAL:
        assert internal not in traceback, f"{internal!r} leaked into the learner's traceback:\n{traceback}"


@pytest.mark.learner("correct")
def test_pass_reports_every_case_and_timing(learner_runs):
    run = learner_runs.get("correct")
    assert run.code == 0, run.stderr
    report = run.report
    assert report["status"] == "pass"
    assert report["exercise"] == "double" and report["device"] == "cpu"
    assert isinstance(report["seed"], int)
    assert len(run.cases) == N_CASES
    assert {c["status"] for c in run.cases} == {"pass"}
    assert [c["name"] for c in run.cases[:3]] == ["small", "square", "medium"]
    assert sum(c["random"] for c in run.cases) == 20
    timing = report["timing"]
    assert timing["case"] == "medium" and timing["dtype"] == "float32"
    for side in ("learner", "reference"):
        assert timing[side]["median_s"] > 0
        assert timing[side]["runs"] >= 5
    assert timing["threads"] == 1


@pytest.mark.learner("wrong_values")
def test_wrong_values(learner_runs):
    run = learner_runs.get("wrong_values")
    assert_failed(run)
    assert run.report["status"] == "fail"
    assert run.case_statuses() == {"fail"}
    case = first_case(run)
    assert case["name"] == "small"
    assert case["message"].startswith("output: 12 of 12 elements differ")
    assert case["max_abs"] > 0 and case["max_rel"] == pytest.approx(0.5)
    mismatch = case["mismatch"]
    assert mismatch["kind"] == "values"
    assert len(mismatch["worst"]) == 5
    diffs = [abs(w["diff"]) for w in mismatch["worst"]]
    assert diffs == sorted(diffs, reverse=True)
    assert diffs[0] == pytest.approx(case["max_abs"])
    assert any("×1.5 (= 3/2)" in d for d in case["diagnosis"]), case["diagnosis"]
    # Only the first few failing cases carry the full detail.
    assert "worst" not in run.cases[-1]["mismatch"]


@pytest.mark.learner("plus_two")
def test_wrong_values_matching_a_suspect_names_it(learner_runs):
    run = learner_runs.get("plus_two")
    assert_failed(run)
    assert first_case(run)["diagnosis"][0] == "you added 2 instead of multiplying by 2"


@pytest.mark.learner("raises")
def test_exception_traceback_is_trimmed_to_the_learners_frames(learner_runs):
    run = learner_runs.get("raises")
    assert_failed(run)
    assert run.case_statuses() == {"error"}
    case = first_case(run)
    assert case["message"] == "ValueError: boom from the helper"
    assert case["where"]["line"] == run.line("HERE")
    assert case["where"]["function"] == "_helper"
    tb = case["traceback"]
    assert f'File "raises.py", line {run.line("CALLER")}, in double' in tb
    assert f'File "raises.py", line {run.line("HERE")}, in _helper' in tb
    assert tb.rstrip().endswith("ValueError: boom from the helper")
    assert_learner_only(tb)


@pytest.mark.learner("syntax_error")
def test_syntax_error(learner_runs):
    run = learner_runs.get("syntax_error")
    assert_failed(run)
    error = run.report["error"]
    assert error["kind"] == "syntax"
    assert "SyntaxError" in error["message"]
    assert error["where"]["line"] == run.line("HERE")
    assert run.report["cases"] == []
    tb = error["traceback"]
    assert f'File "syntax_error.py", line {run.line("HERE")}' in tb
    assert_learner_only(tb)
    # The caret points at the offending bracket of the (dedented) line above it.
    lines = tb.splitlines()
    code_line, caret_line = lines[1], lines[2]
    assert code_line.strip() == "return (x + x]  # HERE"
    assert code_line[caret_line.index("^")] == "]"


@pytest.mark.learner("import_error")
def test_exception_at_import_time(learner_runs):
    run = learner_runs.get("import_error")
    assert_failed(run)
    error = run.report["error"]
    assert error["kind"] == "import"
    assert error["message"] == "your file could not be imported: KeyError"
    assert error["where"]["line"] == run.line("HERE")
    assert "KeyError: 'scale'" in error["traceback"]
    assert_learner_only(error["traceback"])


@pytest.mark.learner("missing_entry")
def test_missing_function(learner_runs):
    run = learner_runs.get("missing_entry")
    assert_failed(run)
    error = run.report["error"]
    assert error["kind"] == "missing"
    assert "`double`" in error["message"] and "missing_entry.py" in error["message"]
    assert "def double(x: Tensor) -> Tensor" in error["hint"]


@pytest.mark.learner("returns_none")
def test_returning_none(learner_runs):
    run = learner_runs.get("returns_none")
    assert_failed(run)
    case = first_case(run)
    assert case["status"] == "fail"
    assert "torch.Tensor" in case["message"] and "NoneType" in case["message"]
    assert "return" in case["message"]


@pytest.mark.learner("wrong_signature")
def test_wrong_signature_names_the_def_line(learner_runs):
    run = learner_runs.get("wrong_signature")
    assert_failed(run)
    case = first_case(run)
    assert case["status"] == "signature"
    assert case["message"].startswith("double(x: torch.Tensor, scale: float) -> torch.Tensor cannot be called as the tests call it")
    assert "missing a required argument: 'scale'" in case["message"]
    assert case["where"]["line"] == 5


@pytest.mark.learner("sys_exit")
def test_sys_exit_in_the_function(learner_runs):
    run = learner_runs.get("sys_exit")
    assert_failed(run)
    assert run.case_statuses() == {"exit"}
    case = first_case(run)
    assert "sys.exit(5)" in case["message"]
    assert case["where"]["line"] == run.line("HERE")
    assert len(run.cases) == N_CASES  # the run went on after each exit


@pytest.mark.learner("os_exit")
def test_os_exit_ends_the_run_without_hanging(learner_runs):
    run = learner_runs.get("os_exit")
    assert_failed(run)
    assert run.report["aborted"] is True
    case = first_case(run)
    assert case["status"] == "exit"
    assert case["name"] == "small"
    assert "exit code 3" in case["message"] and "os._exit" in case["message"]
    assert run.elapsed_s < 25  # well under the exercise's 30 s timeout


@pytest.mark.learner("segfault")
def test_segfault(learner_runs):
    run = learner_runs.get("segfault")
    assert_failed(run)
    case = first_case(run)
    assert case["status"] == "crash"
    assert "segmentation" in case["message"]
    assert case["name"] == "small"
    assert case["where"]["line"] == run.line("HERE")  # from the faulthandler dump
    assert "Segmentation fault" in run.report["stderr"]


@pytest.mark.learner("infinite_loop")
def test_infinite_loop_times_out(learner_runs):
    run = learner_runs.get("infinite_loop")  # exercise double_tight: timeout_s 10
    assert_failed(run)
    case = first_case(run)
    assert case["status"] == "timeout"
    assert "did not finish within 10 s" in case["message"]
    assert run.elapsed_s < 10 + 15


@pytest.mark.learner("out_of_memory")
def test_out_of_memory(learner_runs):
    run = learner_runs.get("out_of_memory")
    assert_failed(run)
    case = first_case(run)
    assert case["status"] == "oom"
    assert "256.0 GiB" in case["message"] and "2.0 GiB" in case["message"]
    assert case["where"]["line"] == run.line("HERE")


@pytest.mark.learner("deep_recursion")
def test_deep_recursion_traceback_is_shortened(learner_runs):
    run = learner_runs.get("deep_recursion")
    assert_failed(run)
    case = first_case(run)
    assert case["status"] == "error"
    assert case["message"].startswith("RecursionError")
    tb = case["traceback"]
    assert "more frames" in tb
    assert len(tb.splitlines()) <= 12
    assert_learner_only(tb)


@pytest.mark.learner("forbidden")
def test_forbidden_function(learner_runs):
    run = learner_runs.get("forbidden")
    assert_failed(run)
    assert run.case_statuses() == {"forbidden"}
    case = first_case(run)
    assert "torch.mul" in case["message"] and "forbids" in case["message"]
    assert case["where"]["line"] == run.line("HERE")
    assert "torch.mul(x, 2)" in case["where"]["code"]


@pytest.mark.learner("forbidden_method_caught")
def test_forbidden_method_is_reported_even_when_the_learner_catches_it(learner_runs):
    run = learner_runs.get("forbidden_method_caught")
    assert_failed(run)
    assert run.case_statuses() == {"forbidden"}
    case = first_case(run)
    assert "Tensor.mul" in case["message"]
    assert case["where"]["line"] == run.line("HERE")


@pytest.mark.learner("mutates_input")
def test_in_place_mutation_of_an_input(learner_runs):
    run = learner_runs.get("mutates_input")
    assert_failed(run)
    assert run.case_statuses() == {"mutation"}
    assert "`x`" in first_case(run)["message"]


@pytest.mark.learner("fake_report_correct", "fake_report_wrong")
def test_printed_report_lines_cannot_forge_a_result(learner_runs):
    good = learner_runs.get("fake_report_correct")
    assert good.code == 0, good.stderr
    assert good.report["status"] == "pass"
    assert len(good.cases) == N_CASES and good.case_statuses() == {"pass"}
    assert '"status": "pass"' in good.report["stdout"]  # what it printed is shown, not obeyed

    bad = learner_runs.get("fake_report_wrong")
    assert_failed(bad)
    assert bad.report["status"] == "fail"
    assert len(bad.cases) == N_CASES and bad.case_statuses() == {"fail"}
    assert '"event": "report"' in bad.report["stdout"] and '"event": "report"' in bad.report["stderr"]


@pytest.mark.learner("big_stdout")
def test_large_stdout_is_truncated(learner_runs):
    run = learner_runs.get("big_stdout")
    assert run.code == 0
    out = run.report["stdout"]
    assert len(out) < OUTPUT_LIMIT + 200
    assert "characters cut" in out
    assert out.startswith("START-OF-OUTPUT") and out.rstrip().endswith("END-OF-OUTPUT")
    assert len(run.stdout) < 50_000  # the JSON on the terminal stays small too


def test_the_memory_cap_on_each_device(monkeypatch):
    """The cap a verdict names is the one the child ran under: the sandbox's on the CPU; on
    CUDA the allocator's fraction, the exercise's cap for `run` and none for a bench sweep
    unless its bench section sets one."""
    from dlquiz import bench, catalog, runner
    from dlquiz.worker import Worker, _oom_message

    spec = catalog.get("softmax_grad")
    jobs = []
    monkeypatch.setattr(runner, "sandboxed", lambda job, **kw: (jobs.append(job), ({}, None))[1])
    runner.run_exercise(spec, catalog.solution_path(spec.id), device="cuda")
    assert jobs[0]["gpu_memory_mb"] == spec.memory_mb == 3072
    sizes = spec.bench.sweep("cuda")
    bench_job = bench.job_for(spec, catalog.solution_path(spec.id), sizes[0], device="cuda", dtype="float16",
                              budget_s=1.0, threads=None, compile_=False, probe=False)
    assert bench_job["gpu_memory_mb"] is None and bench_job["memory_mb"] == spec.memory_mb
    for device, extra, cap in (("cpu", {}, spec.memory_mb), ("cuda", {"gpu_memory_mb": 3072}, 3072),
                               ("cuda", {}, None)):
        w = Worker({"exercise": spec.id, "device": device, "seed": 1, "learner": "x.py", **extra}, chan=None)
        w.spec, w.device = spec, device
        assert w.memory_cap_mb() == cap, (device, extra)
    exc = RuntimeError("CUDA out of memory. Tried to allocate 32.00 GiB. GPU 0 has a total capacity of 139.8 GiB")
    assert _oom_message(exc, 3072, "cuda") == "ran out of memory: tried to allocate a block of 32.00 GiB; " \
                                               "the memory cap is 3.0 GiB"
    assert _oom_message(exc, None, "cuda").endswith("the CUDA memory is full")
    assert _oom_message(ValueError("shapes differ"), 3072, "cuda") is None


@pytest.mark.cuda
def test_a_jacobian_runs_out_of_memory_on_cuda_too(cli):
    """On a GPU with 140 GB the 34 GB Jacobian of wide_rows would fit: the cap must refuse it."""
    from conftest import REPO

    mutant = REPO / "tests" / "mutants" / "softmax_grad" / "full_jacobian.py"
    res = cli("run", "softmax_grad", "--solution", mutant, "--device", "cuda", "--case", "wide_rows", "--json")
    assert res.code == 1, res.text
    case = res.json()["cases"][0]
    assert case["status"] == "oom" and "the memory cap is 3.0 GiB" in case["message"], case
