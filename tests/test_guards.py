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
