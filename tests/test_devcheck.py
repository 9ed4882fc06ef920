"""`dlquiz dev check`: the proof that an exercise's hidden tests can fail and can pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO

GOOD = "import torch\n\n\ndef double(x):\n    return x + x\n"
TRIPLE = "import torch\n\n\ndef double(x):\n    return x + x + x\n"


def test_fixture_exercise_is_proven(cli, fixture_catalog):
    res = cli("dev", "check", "double", "--jobs", "2")
    assert res.code == 0, res.text
    assert "1 exercises, 7 runs" in res.out
    row = next(ln for ln in res.out.splitlines() if ln.strip().startswith("double"))
    assert row.split()[1:] == ["│", "1/1", "│", "1/1", "│", "3/3", "│", "2/2"]
    assert "all 1 exercises proven" in res.out


def test_each_kind_of_problem_is_reported(cli, fixture_catalog, tmp_path):
    tests = tmp_path / "authoring"
    mutants = tests / "mutants" / "double"
    alternatives = tests / "alternatives" / "double"
    mutants.mkdir(parents=True)
    alternatives.mkdir(parents=True)
    (mutants / "not_a_mistake.py").write_text("# mutant: claims a mistake but is correct\n" + GOOD)
    (mutants / "wrong_expect.py").write_text("# mutant: triples\n# expect: banana\n" + TRIPLE)
    (mutants / "no_header.py").write_text(TRIPLE)
    (alternatives / "wrong.py").write_text(TRIPLE)

    res = cli("dev", "check", "double", "--tests", tests, "--jobs", "2")
    assert res.code == 1, res.text
    out = " ".join(res.out.split())
    assert "double mutant not_a_mistake.py: must fail but passed every case" in out
    assert "double mutant wrong_expect.py: failed, but the verdict never mentions 'banana'" in out
    assert "double: no_header.py: first lines need '# mutant: <the mistake>'" in out
    assert "double alternative wrong.py: must pass but failed (small: output: 12 of 12 elements differ" in out
    assert "4 problem(s)" in out
    assert "Traceback" not in res.text


def test_unknown_exercise(cli, fixture_catalog):
    res = cli("dev", "check", "nosuch")
    assert res.code == 2
    assert "no exercise named 'nosuch'" in res.err


def test_no_mutants_folder_is_a_usage_error(cli, fixture_catalog, tmp_path):
    res = cli("dev", "check", "double", "--tests", tmp_path / "nowhere")
    assert res.code == 2, res.text
    assert f"no mutants/ folder in {tmp_path / 'nowhere'}" in " ".join(res.err.split())
    assert "in a clone of the repository, or pass --tests FOLDER" in " ".join(res.err.split())


def test_cuda_without_a_gpu_and_an_unknown_device_are_usage_errors(cli, fixture_catalog):
    import torch

    res = cli("dev", "check", "--device", "tpu")
    assert res.code == 2 and "unknown device 'tpu'" in res.err
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    res = cli("dev", "check", "--device", "cuda")
    assert res.code == 2, res.text
    assert res.err.startswith("error: --device cuda was asked for, but no CUDA device is available here.")
    assert "dev check:" not in res.out  # refused before any run starts


@pytest.mark.cuda
def test_the_half_precision_exercises_are_proven_on_cuda(dlquiz_proc):
    """float16 and bfloat16 cases on real CUDA kernels, the memory cases under the GPU cap."""
    res = dlquiz_proc("dev", "check", "--device", "cuda", "softmax_grad", "attention", "linear_backward",
                      "layernorm_module", timeout=600)
    assert res.code == 0, res.text
    assert "on cuda" in res.out and "all 4 exercises proven" in res.out


EXERCISE_DIRS = sorted(p for p in (REPO / "exercises").iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISE_DIRS, ids=[p.name for p in EXERCISE_DIRS])
def test_real_exercise_is_proven(exercise: Path, dlquiz_proc):
    res = dlquiz_proc("dev", "check", exercise.name, timeout=600)
    assert res.code == 0, res.text
    assert "all 1 exercises proven" in res.out


def test_half_precision_cases_run_on_the_cpu_only_for_dev_check(fixture_catalog):
    from dlquiz import catalog, runner

    spec = catalog.get("double")
    learner = REPO / "tests" / "fixtures" / "catalog" / "solutions" / "double.py"
    plain = runner.run_exercise(spec, learner, seed=3, timing=False)
    proven = runner.run_exercise(spec, learner, seed=3, timing=False, half_on_cpu=True)
    assert {c["dtype"] for c in plain["cases"]} <= {"float32", "float64"}
    assert {"float16", "bfloat16"} <= {c["dtype"] for c in proven["cases"]}
    assert plain["status"] == proven["status"] == "pass"
