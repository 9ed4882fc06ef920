"""Guards and helpers that NumPy exercises rely on: inputs snapshotted, upcast, described."""

from __future__ import annotations

import numpy as np
import torch

from dlquiz import caselib, guards, worker


def test_in_place_change_of_a_numpy_input_is_caught():
    x = np.arange(12.0).reshape(3, 4)

    def scale_in_place(x, gamma):
        x *= gamma
        return x

    snap = guards.Snapshot(scale_in_place, (x, 2.0), {})
    scale_in_place(x, 2.0)
    assert snap.changed() == "x"


def test_numpy_input_left_alone_passes_even_with_nan():
    x = np.array([1.0, np.nan, 3.0])
    snap = guards.Snapshot(lambda x: x * 2, (x,), {})
    assert snap.changed() is None


def test_upcast_turns_float_arrays_into_float64_copies():
    x = np.ones((2, 3), dtype=np.float32)
    labels = np.array([1, 0])
    up = worker.upcast({"x": x, "labels": labels, "t": torch.ones(2, dtype=torch.float16)})
    assert up["x"].dtype == np.float64 and up["labels"].dtype == labels.dtype
    up["labels"][0] = 7
    assert labels[0] == 1  # a copy, never the case's own array
    assert up["t"].dtype == torch.float64


def test_describe_numpy_arrays_like_tensors():
    x = np.zeros((3, 4), dtype=np.float32)
    assert caselib.describe(x) == "(3, 4) float32 ndarray"
    assert caselib.describe(x.T) == "(4, 3) float32 ndarray strides (1, 4)"
    assert caselib.describe(np.zeros(5)) == "(5,) float64 ndarray"


def test_plain_python_functions_are_forbidden_where_the_learner_calls_them(tmp_path):
    import torch.nn.utils as nn_utils

    learner = tmp_path / "learner.py"
    learner.write_text("from torch.nn.utils import clip_grad_norm_\n"
                       "def clip(ps):\n"
                       "    return clip_grad_norm_(ps, 1.0)\n")
    original = nn_utils.clip_grad_norm_
    forbid = guards.PythonForbid({"torch.nn.utils.clip_grad_norm_": original}, str(learner))
    try:
        assert nn_utils.clip_grad_norm_ is not original
        namespace: dict = {}
        exec(compile(learner.read_text(), str(learner), "exec"), namespace)
        p = torch.nn.Parameter(torch.ones(3))
        p.grad = torch.full((3,), 2.0)
        assert float(namespace["clip"]([p])) > 3  # outside a guarded call: the original runs
        forbid.active = True
        try:
            namespace["clip"]([p])
        except guards.LearnerFault as fault:
            assert fault.message == "calls torch.nn.utils.clip_grad_norm_, which this exercise forbids"
            assert fault.where["line"] == 3
        else:
            raise AssertionError("the forbidden call went through")
        assert forbid.violation is not None
        # Library code calling it (not the learner's file) is left alone.
        assert float(nn_utils.clip_grad_norm_([p], 1.0)) > 0
    finally:
        nn_utils.clip_grad_norm_ = original


def test_in_place_change_of_a_plain_container_is_caught():
    words = {"low": 5, "lower": 2}

    def train(words, num_merges):
        words["low"] += 1
        return []

    snap = guards.Snapshot(train, (words, 3), {})
    train(words, 3)
    assert snap.changed() == "words"
    untouched = ["a", "b"]
    snap = guards.Snapshot(lambda tokens: tokens + ["c"], (untouched,), {})
    assert snap.changed() is None


def test_describe_lists_of_tensors():
    same = [torch.zeros(3, 4), torch.zeros(3, 4)]
    assert caselib.describe(same) == "2 × (3, 4) float32"
    mixed = [torch.zeros(3, 4), torch.zeros(5, dtype=torch.float64)]
    assert caselib.describe(mixed) == "[(3, 4) float32, (5,) float64]"


def test_torch_code_reaching_a_wrapped_op_is_still_refused(tmp_path):
    """nn.Softmax calls F.softmax, which dispatches under the (wrapped) module-level name."""
    import torch.nn.functional as F

    learner = tmp_path / "learner.py"
    learner.write_text("import torch\n"
                       "def f(x):\n"
                       "    return torch.nn.Softmax(dim=-1)(x)\n")
    original = F.softmax
    forbidden = {"torch.nn.functional.softmax": original}
    wrapped = guards.PythonForbid(forbidden, str(learner))
    try:
        namespace: dict = {}
        exec(compile(learner.read_text(), str(learner), "exec"), namespace)
        wrapped.active = True
        try:
            with guards.ForbidMode(forbidden, str(learner)):
                namespace["f"](torch.ones(2, 3))
        except guards.LearnerFault as fault:
            assert "calls torch.nn.functional.softmax" in fault.message
            assert fault.where["line"] == 3
        else:
            raise AssertionError("nn.Softmax went through")
    finally:
        F.softmax = original


def test_a_forbidden_method_is_refused_whoever_calls_it(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text("import torch\n"
                       "def f(x):\n"
                       "    return torch.nn.Identity()(x)\n")
    original = torch.nn.Identity.forward
    wrapped = guards.PythonForbid({"torch.nn.Identity.forward": original}, str(learner))
    try:
        namespace: dict = {}
        exec(compile(learner.read_text(), str(learner), "exec"), namespace)
        assert torch.equal(namespace["f"](torch.ones(2)), torch.ones(2))  # not while inactive
        wrapped.active = True
        try:
            namespace["f"](torch.ones(2))
        except guards.LearnerFault as fault:
            assert fault.message == "calls torch.nn.Identity.forward, which this exercise forbids"
            assert fault.where["line"] == 3  # Module.__call__ called it; the learner's line is shown
        else:
            raise AssertionError("Identity.forward went through")
    finally:
        torch.nn.Identity.forward = original


def test_describe_nested_lists_of_tensors():
    steps = [[torch.zeros(3, 4), torch.zeros(5)], [torch.zeros(3, 4), torch.zeros(5)]]
    assert caselib.describe(steps) == "2 × [(3, 4) float32, (5,) float32]"


def test_describe_dicts_of_tensors():
    weights = {"0.weight": torch.zeros(5, 3), "0.bias": torch.zeros(5)}
    assert caselib.describe(weights) == "{0.weight: (5, 3) float32, 0.bias: (5,) float32}"


def test_a_learner_generator_runs_each_step_under_the_forbid_rules(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text("import torch\n"
                       "def batches(xs):\n"
                       "    for x in xs:\n"
                       "        yield torch.softmax(x, -1)\n")
    namespace: dict = {}
    exec(compile(learner.read_text(), str(learner), "exec"), namespace)
    forbidden = {"torch.softmax": torch.softmax}
    guard = worker.Guard(forbidden, str(learner), guards.PythonForbid(forbidden, str(learner)))
    try:
        gen = guard.call(namespace["batches"], ([torch.ones(2)],), {})
        try:
            next(gen)
        except guards.LearnerFault as fault:
            assert fault.message == "calls torch.softmax, which this exercise forbids"
            assert fault.where["line"] == 4
        else:
            raise AssertionError("the generator's forbidden call went through")
    finally:
        torch.softmax = forbidden["torch.softmax"]
