"""compare.compare: the first difference between an expected and a learner's result."""

from __future__ import annotations

import math

import pytest
import torch

from dlquiz.compare import compare

F32 = dict(dtype="float32", rtol=1.3e-6, atol=1e-5, device="cpu")
F64 = dict(dtype="float64", rtol=1e-7, atol=1e-7, device="cpu")


def expected(*shape):
    g = torch.Generator().manual_seed(0)
    return torch.randn(*shape, generator=g, dtype=torch.float64)


def test_equal_within_tolerance_is_none():
    e = expected(3, 4)
    assert compare(e, e.float(), **F32) is None
    assert compare(e, (e + 1e-9).float(), **F32) is None
    assert compare(e, e.clone(), **F64) is None


def test_not_a_tensor():
    m = compare(expected(2), None, **F64)
    assert m["kind"] == "type" and m["path"] == "output"
    assert "torch.Tensor" in m["message"] and "return" in m["message"]
    assert compare(expected(2), [1.0, 2.0], **F64)["message"] == "expected a torch.Tensor, got list"


def test_shape_with_transposed_dims():
    e = expected(3, 5)
    m = compare(e, e.T.contiguous(), **F64)
    assert m["kind"] == "shape"
    assert m["expected_shape"] == [3, 5] and m["got_shape"] == [5, 3]
    assert "(5, 3) but expected (3, 5)" in m["message"]
    assert any("last two dims swapped" in d for d in m["diagnosis"])


def test_shape_same_numbers_wrong_shape():
    e = expected(2, 6)
    m = compare(e, e.reshape(3, 4), **F64)
    assert m["kind"] == "shape"
    assert any("only the shape is wrong" in d for d in m["diagnosis"])


def test_dtype():
    e = expected(2, 3)
    m = compare(e, e.clone(), **F32)  # float64 result where float32 was expected
    assert m["kind"] == "dtype"
    assert m["message"] == "dtype float64 but expected float32"
    assert "promoted the result to float64" in m["diagnosis"][0]
    m = compare(e, e.long(), **F32)
    assert m["kind"] == "dtype" and "integer or bool" in m["diagnosis"][0]


def test_device():
    e = expected(2, 3)
    m = compare(e, e.float(), dtype="float32", rtol=1e-6, atol=1e-5, device="cuda")
    assert m["kind"] == "device"
    assert "inputs were on cuda" in m["message"]


def test_nonfinite():
    e = expected(3, 4)
    g = e.clone()
    g[1, 2] = float("nan")
    g[2, 0] = float("inf")
    m = compare(e, g, **F64)
    assert m["kind"] == "nonfinite"
    assert m["message"].startswith("NaN at 2 of 12 elements (first at [1, 2])")
    assert "exp() overflowing" in m["diagnosis"][0]


def test_expected_nonfinite_values_match_themselves():
    e = torch.tensor([1.0, float("inf"), float("nan"), -float("inf")], dtype=torch.float64)
    assert compare(e, e.clone(), **F64) is None
    g = e.clone()
    g[1] = 1e300
    m = compare(e, g, **F64)
    assert m["kind"] == "nonfinite" and "where the expected values are ±inf or NaN" in m["message"]


def test_check_order_first_problem_wins():
    e = expected(3, 4)
    bad_everything = torch.full((4, 3), float("nan"), dtype=torch.float64)
    assert compare(e, bad_everything, **F32)["kind"] == "shape"  # shape before dtype
    nan64 = torch.full((3, 4), float("nan"), dtype=torch.float64)
    assert compare(e, nan64, **F32)["kind"] == "dtype"  # dtype before NaN
    nan32 = nan64.float()
    assert compare(e, nan32, dtype="float32", rtol=1e-6, atol=1e-5, device="cuda")["kind"] == "device"
    assert compare(e, nan32, **F32)["kind"] == "nonfinite"  # NaN before values
    assert compare(e, (e + 1).float(), **F32)["kind"] == "values"


def test_values_record_and_worst_elements():
    e = torch.zeros(4, 5, dtype=torch.float64)
    g = e.clone()
    bumps = {(0, 1): 0.5, (3, 4): -2.0, (2, 2): 1.0, (1, 0): 0.25, (2, 3): 0.125, (3, 0): 0.0625}
    for (i, j), v in bumps.items():
        g[i, j] = v
    m = compare(e, g, **F64)
    assert m["kind"] == "values"
    assert m["message"] == "6 of 20 elements differ (30.0%)"
    assert (m["count"], m["total"]) == (6, 20)
    assert m["max_abs"] == 2.0 and m["max_abs_index"] == [3, 4]
    assert [w["index"] for w in m["worst"]] == [[3, 4], [2, 2], [0, 1], [1, 0], [2, 3]]  # 5 worst, by |diff|
    assert m["worst"][0] == {"index": [3, 4], "expected": 0.0, "got": -2.0, "diff": -2.0}
    grid = m["grid"]
    assert grid["got"][3][4] == -2.0 and grid["bad"][3][4] is True and grid["bad"][0][0] is False


def test_mismatch_map_and_pattern():
    e = expected(20, 60)
    g = e.clone()
    g[:, 7] += 1.0  # one wrong column
    m = compare(e, g, **F64)
    mp = m["map"]
    assert (mp["rows"], mp["cols"]) == (20, 60)
    assert mp["row_step"] == 2 and mp["col_step"] == 2  # downsampled to fit 16 × 48
    assert mp["bad_cols"] == [7] and mp["n_bad_rows"] == 20
    assert all(line == "..." + "x" + "." * 26 for line in mp["cells"])
    assert "grid" not in m or m["grid"] is None  # too big for a side-by-side grid
    assert any("only column 7" in d for d in m["diagnosis"])


def test_detail_false_is_short():
    e = expected(3, 4)
    m = compare(e, e * 2, detail=False, **F64)
    assert m["kind"] == "values" and "worst" not in m and "map" not in m
    assert m["max_abs"] > 0


def test_nested_dict_missing_key_and_paths():
    e = {"out": expected(2, 2), "stats": {"mean": expected(2), "var": expected(2)}}
    got = {"out": e["out"].clone(), "stats": {"mean": e["stats"]["mean"].clone()}}
    m = compare(e, got, **F64)
    assert m["kind"] == "missing" and m["path"] == "stats['var']"
    assert m["message"] == "missing entry 'var'"

    m = compare(e, {"stats": {}}, **F64)
    assert m["kind"] == "missing" and m["path"] == "out"

    got = {"out": e["out"].clone(), "stats": {"mean": e["stats"]["mean"] + 1, "var": e["stats"]["var"]}}
    m = compare(e, got, **F64)
    assert m["kind"] == "values" and m["path"] == "stats.mean"

    assert compare(e, [1], **F64)["kind"] == "type"


def test_sequences_and_scalars():
    e = (expected(2), 3, "relu", True, 0.5)
    assert compare(e, (e[0].clone(), 3, "relu", True, 0.5 + 1e-9), **F64) is None
    assert compare(e, [e[0].clone()], **F64)["message"] == "expected 5 items, got 1"
    assert compare(e, (e[0].clone(), 4, "relu", True, 0.5), **F64)["path"] == "output[1]"
    assert compare(e, (e[0].clone(), 3, "gelu", True, 0.5), **F64)["message"] == "expected 'relu', got 'gelu'"
    assert compare(e, (e[0].clone(), 3, "relu", 1, 0.5), **F64)["path"] == "output[3]"  # 1 is not True
    m = compare(e, (e[0].clone(), 3, "relu", True, 0.6), **F64)
    assert m["path"] == "output[4]" and m["max_abs"] == pytest.approx(0.1)
    assert compare(2.0, torch.tensor(2.0), **F64) is None  # a one-element tensor for a number is fine
    assert compare(1.0, "1.0", **F64)["kind"] == "type"
    assert compare(math.nan, math.nan, **F64) is None


def test_integer_and_bool_tensors_compare_exactly():
    e = torch.tensor([[1, 2], [3, 4]])
    assert compare(e, e.clone(), **F32) is None
    m = compare(e, torch.tensor([[1, 2], [3, 5]]), **F32)
    assert m["kind"] == "values" and m["count"] == 1 and m["max_abs_index"] == [1, 1]
    b = torch.tensor([True, False])
    assert compare(b, b.clone(), **F32) is None
    assert compare(b, ~b, **F32)["count"] == 2


def test_numpy_scalars_and_reversed_arrays_compare_like_numbers_and_tensors():
    import numpy as np

    assert compare(np.float64(1.0), np.float64(1.0), dtype="float64", rtol=1e-7, atol=1e-7, device="cpu") is None
    assert compare(1.0, np.float32(1.0), dtype="float64", rtol=1e-7, atol=1e-7, device="cpu") is None
    rev = np.arange(4.0)[::-1]
    assert compare(rev, rev.copy(), dtype="float64", rtol=1e-7, atol=1e-7, device="cpu") is None
    bad = compare(rev, rev + 1, dtype="float64", rtol=1e-7, atol=1e-7, device="cpu")
    assert bad["message"] == "4 of 4 elements differ (100.0%)"
