"""diagnose: the generic likely causes named in a verdict."""

from __future__ import annotations

import torch

from dlquiz import diagnose

RTOL, ATOL = 1e-7, 1e-7


def causes(e: torch.Tensor, g: torch.Tensor) -> list[str]:
    bad = (g - e).abs() > ATOL + RTOL * e.abs()
    return diagnose.value_causes(e, g, bad, RTOL, ATOL)


def base(*shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(3), dtype=torch.float64)


def test_transpose():
    e = base(2, 4, 4)
    assert causes(e, e.transpose(-1, -2)) == ["your result is the transpose of the expected one (last two dims)"]


def test_constant_factor_named_as_a_fraction():
    e = base(3, 5)
    (msg,) = causes(e, e * 0.5)
    assert "same factor ×0.5 (= 1/2)" in msg
    (msg,) = causes(e, e * 1.25)
    assert "×1.25 (= 5/4)" in msg


def test_wrong_sign():
    e = base(3, 5)
    assert causes(e, -e) == ["every element has the wrong sign"]


def test_constant_offset():
    e = base(3, 5)
    assert causes(e, e + 0.3) == ["every element is off by the same constant +0.3"]


def test_all_zeros():
    e = base(3, 5)
    assert "all zeros" in causes(e, torch.zeros_like(e))[0]


def test_masks_off_by_one():
    e = base(5, 5)
    upper = torch.ones(5, 5, dtype=torch.bool).triu(1)
    g = torch.where(upper, e + 1, e)
    assert causes(e, g) == ["mismatches only above the diagonal (j > i): positions that should be masked are not?"]
    g = torch.where(torch.eye(5, dtype=torch.bool), e * 3, e)
    assert "only the diagonal (i == j) differs" in causes(e, g)[0]
    on_and_above = torch.ones(5, 5, dtype=torch.bool).triu(0)
    g = torch.where(on_and_above, e + 1, e)
    assert causes(e, g) == ["mismatches only on and above the diagonal: the mask is shifted by one?"]


def test_single_row():
    e = base(4, 6)
    g = e.clone()
    g[2] += 1
    assert causes(e, g) == ["only row 2 of the last-two-dims slice differs"]


def test_right_numbers_wrong_places():
    e = base(3, 4)
    g = e.flatten().flip(0).reshape(3, 4)
    assert any("right numbers in the wrong places" in c for c in causes(e, g))


def test_unrelated_values_have_no_cause():
    e = base(3, 4)
    other = torch.randn(3, 4, generator=torch.Generator().manual_seed(4), dtype=torch.float64)
    assert causes(e, other) == []


def test_shape_causes():
    assert "last two dims swapped" in diagnose.shape_causes([2, 3, 4], [2, 4, 3])[0]
    assert "axes are swapped" in diagnose.shape_causes([2, 3, 4], [4, 3, 2])[0]
    assert "keepdim=False" in diagnose.shape_causes([3, 4], [3, 1, 4])[0]
    assert "keepdim=True" in diagnose.shape_causes([3, 1], [3])[0]
    assert diagnose.shape_causes([3, 4], [3, 5]) == ["dim 1 has size 5 instead of 4"]


def test_dtype_causes():
    assert "promoted" in diagnose.dtype_cause("float32", "float64")
    assert "integer or bool" in diagnose.dtype_cause("float32", "bool")
    assert "dtype=x.dtype" in diagnose.dtype_cause("float64", "float32")


def test_one_bad_row_is_not_read_as_a_mask_pattern():
    e = torch.zeros(8, 5, dtype=torch.float64)
    g = e.clone()
    g[0] += 1.0  # row 0 only, every column: on and above the diagonal, but just one row
    bad = (g - e).abs() > 1e-9
    assert diagnose._pattern(bad) == ["only row 0 of the last-two-dims slice differs"]


def test_dtype_causes_depend_on_what_was_expected():
    assert "where floats were needed" in diagnose.dtype_cause("float32", "bool")
    assert diagnose.dtype_cause("int64", "bool") == (
        "the result must be int64: convert it with .to(torch.int64) (a comparison gives bool)")
    assert "promoted the result to float64" in diagnose.dtype_cause("float32", "float64")
