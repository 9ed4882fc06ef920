"""Compare the learner's result with the expected one (worker side).

Order of checks, first problem wins: type → shape → dtype → device → NaN/Inf → values.
Values use torch.testing's closeness rule |got − expected| ≤ atol + rtol·|expected|.
The result is a plain dict (a Mismatch record) ready for JSON, or None when equal.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from dlquiz import diagnose
from dlquiz.guards import is_ndarray

WORST = 5
GRID_MAX = (6, 8)      # rows, cols of the side-by-side grid
MAP_MAX = (16, 48)     # rows, cols of the mismatch map


def _shape(t: torch.Tensor) -> list[int]:
    return list(t.shape)


def _type_name(x: Any) -> str:
    if isinstance(x, torch.Tensor):
        return "torch.Tensor"
    return type(x).__name__


def _dtype_name(dt: torch.dtype) -> str:
    return str(dt).replace("torch.", "")


def _index(flat: int, shape: list[int]) -> list[int]:
    out = []
    for size in reversed(shape):
        out.append(flat % size if size else 0)
        flat = flat // size if size else 0
    return list(reversed(out))


def compare(expected: Any, got: Any, *, dtype: str, rtol: float, atol: float,
            device: str, path: str = "output", detail: bool = True) -> dict | None:
    """First difference between two (possibly nested) results, as a Mismatch record.

    With detail=False a value mismatch is returned as soon as it is found, without the
    worst elements, grid, map or diagnosis (for suspects and for later failing cases).
    """
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return _record(path, "type", f"expected a dict with keys {sorted(expected)}, got {_type_name(got)}")
        for key in expected:
            if key not in got:
                return _record(f"{path}[{key!r}]" if path != "output" else str(key), "missing",
                               f"missing entry {key!r}")
            sub = compare(expected[key], got[key], dtype=dtype, rtol=rtol, atol=atol, device=device,
                          path=str(key) if path == "output" else f"{path}.{key}", detail=detail)
            if sub:
                return sub
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return _record(path, "type", f"expected a {type(expected).__name__} of {len(expected)}, "
                                         f"got {_type_name(got)}")
        if len(got) != len(expected):
            return _record(path, "shape", f"expected {len(expected)} items, got {len(got)}")
        for i, (e, g) in enumerate(zip(expected, got)):
            sub = compare(e, g, dtype=dtype, rtol=rtol, atol=atol, device=device, path=f"{path}[{i}]",
                          detail=detail)
            if sub:
                return sub
        return None
    if is_ndarray(expected):  # NumPy exercises: compared like tensors (scalars as 0-d)
        expected = _from_numpy(expected)
        if is_ndarray(got):
            got = _from_numpy(got)
    if isinstance(expected, torch.Tensor):
        return _compare_tensor(expected, got, dtype=dtype, rtol=rtol, atol=atol, device=device, path=path,
                               detail=detail)
    return _compare_scalar(expected, got, rtol=rtol, atol=atol, path=path)


def _record(path: str, kind: str, message: str, **extra: Any) -> dict:
    return {"path": path, "kind": kind, "message": message, "diagnosis": [], **extra}


def _from_numpy(x: Any) -> torch.Tensor:
    import numpy as np

    return torch.from_numpy(np.array(x, order="C"))  # a copy: NumPy scalars and negative strides too


def _compare_scalar(expected: Any, got: Any, *, rtol: float, atol: float, path: str) -> dict | None:
    if is_ndarray(got) and got.ndim == 0:
        got = got.item()  # np.float32(0.5) answers a number as well as 0.5 does
    if isinstance(got, torch.Tensor) and got.numel() == 1 and not isinstance(expected, (str, bool)):
        got = got.item()
    if isinstance(expected, bool) or isinstance(expected, str) or expected is None:
        if got != expected or type(got) is not type(expected) and not isinstance(got, bool):
            return _record(path, "values", f"expected {expected!r}, got {got!r}")
        return None
    if isinstance(expected, (int, float)):
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return _record(path, "type", f"expected a number, got {_type_name(got)}")
        if isinstance(expected, int) and isinstance(got, int):
            ok = expected == got
        else:
            ok = (math.isnan(expected) and math.isnan(got)) or abs(got - expected) <= atol + rtol * abs(expected)
        if not ok:
            return _record(path, "values", f"expected {expected!r}, got {got!r}",
                           max_abs=abs(got - expected) if math.isfinite(got - expected) else None)
        return None
    if got != expected:
        return _record(path, "values", f"expected {expected!r}, got {got!r}")
    return None


def _compare_tensor(expected: torch.Tensor, got: Any, *, dtype: str, rtol: float, atol: float,
                    device: str, path: str, detail: bool = True) -> dict | None:
    if not isinstance(got, torch.Tensor):
        hint = " (did you forget to return it?)" if got is None else ""
        if isinstance(got, str):
            hint = f" {got[:200]!r}"
        return _record(path, "type", f"expected a torch.Tensor, got {_type_name(got)}{hint}")
    exp_dtype = dtype if expected.is_floating_point() else _dtype_name(expected.dtype)
    if _shape(got) != _shape(expected):
        rec = _record(path, "shape", f"shape {tuple(got.shape)} but expected {tuple(expected.shape)}",
                      expected_shape=_shape(expected), got_shape=_shape(got))
        rec["diagnosis"] = diagnose.shape_causes(_shape(expected), _shape(got))
        if detail and got.numel() == expected.numel() and got.is_floating_point():
            rec["diagnosis"] += diagnose.same_numbers(expected, got.detach().cpu().double(), rtol, atol)
        return rec
    if _dtype_name(got.dtype) != exp_dtype:
        return _record(path, "dtype", f"dtype {_dtype_name(got.dtype)} but expected {exp_dtype}",
                       diagnosis=[diagnose.dtype_cause(exp_dtype, _dtype_name(got.dtype))])
    if got.device.type != device:
        return _record(path, "device", f"on device {got.device} but the inputs were on {device}",
                       diagnosis=["create new tensors with device=x.device (or torch.zeros_like(x))"])
    if expected.dtype == torch.bool or not expected.is_floating_point():
        e, g = expected.cpu(), got.detach().cpu()
        bad = e != g
        if not bad.any():
            return None
        return _values_record(path, e.double(), g.double(), bad, 0.0, 0.0)
    e = expected.detach().cpu().double()
    g = got.detach().cpu().double()
    e_finite, g_finite = torch.isfinite(e), torch.isfinite(g)
    same_nonfinite = (e.isnan() & g.isnan()) | (~e_finite & (e == g))
    wrong_nonfinite = (~g_finite | ~e_finite) & ~same_nonfinite
    if wrong_nonfinite.any():
        if not detail:
            return _record(path, "nonfinite", "NaN/Inf where finite values were expected")
        n = int(wrong_nonfinite.sum())
        first = _index(int(wrong_nonfinite.flatten().nonzero()[0]), _shape(e))
        nan = bool((g.isnan() & wrong_nonfinite).any())
        what = "NaN" if nan else "Inf"
        rec = _values_record(path, e, g, wrong_nonfinite, rtol, atol)
        rec["kind"] = "nonfinite"
        if bool((~e_finite & wrong_nonfinite).any()) and not bool((~g_finite & wrong_nonfinite).any()):
            rec["message"] = (f"finite values at {n} of {e.numel()} elements (first at {first}) "
                              f"where the expected values are ±inf or NaN")
        elif bool((~e_finite & wrong_nonfinite).any()):
            rec["message"] = (f"{what} at {n} of {e.numel()} elements (first at {first}) "
                              f"where the expected values are not {what} (some of them are ±inf)")
        else:
            rec["message"] = (f"{what} at {n} of {e.numel()} elements (first at {first}) "
                              f"where the expected values are finite")
            rec["diagnosis"] = diagnose.nonfinite_causes(e, g)
        return rec
    diff = (g - e).abs()
    diff = torch.where(same_nonfinite, torch.zeros_like(diff), diff)
    allowed = atol + rtol * e.abs().nan_to_num(0.0, 0.0, 0.0)
    bad = diff > allowed
    if not bad.any():
        return None
    if not detail:
        count = int(bad.sum())
        return _record(path, "values", f"{count} of {e.numel()} elements differ "
                                       f"({100.0 * count / max(e.numel(), 1):.1f}%)",
                       max_abs=float(torch.where(bad, diff, torch.zeros_like(diff)).max()), atol=atol, rtol=rtol)
    rec = _values_record(path, e, g, bad, rtol, atol)
    rec["diagnosis"] = diagnose.value_causes(e, g, bad, rtol, atol)
    return rec


def _values_record(path: str, e: torch.Tensor, g: torch.Tensor, bad: torch.Tensor,
                   rtol: float, atol: float) -> dict:
    shape = _shape(e)
    total = e.numel()
    count = int(bad.sum())
    diff = (g - e).abs().nan_to_num(math.inf, math.inf, math.inf)
    diff = torch.where(bad, diff, torch.zeros_like(diff))
    flat = diff.flatten()
    i_abs = int(flat.argmax())
    rel = diff / e.abs().clamp_min(1e-300)
    i_rel = int(rel.flatten().argmax())
    order = flat.argsort(descending=True)[: min(WORST, count)]
    worst = []
    for i in order.tolist():
        ev, gv = float(e.flatten()[i]), float(g.flatten()[i])
        worst.append({"index": _index(i, shape), "expected": ev, "got": gv, "diff": gv - ev})
    rec = _record(
        path, "values",
        f"{count} of {total} elements differ ({100.0 * count / max(total, 1):.1f}%)",
        count=count, total=total, share=count / max(total, 1),
        max_abs=float(flat[i_abs]), max_abs_index=_index(i_abs, shape),
        max_rel=float(rel.flatten()[i_rel]), max_rel_index=_index(i_rel, shape),
        atol=atol, rtol=rtol, worst=worst, shape=shape,
    )
    rec["grid"] = _grid(e, g, bad, _index(i_abs, shape))
    if e.dim() >= 2:
        rec["map"] = _map(bad)
    return rec


def _grid(e: torch.Tensor, g: torch.Tensor, bad: torch.Tensor, at: list[int]) -> dict | None:
    """The 2-D slice (last two dims) holding the worst element, when it is small."""
    if e.dim() == 0:
        return None
    if e.dim() == 1:
        e2, g2, b2, lead = e[None], g[None], bad[None], []
    else:
        lead = at[:-2]
        e2, g2, b2 = e[tuple(lead)], g[tuple(lead)], bad[tuple(lead)]
    rows, cols = e2.shape
    if rows > GRID_MAX[0] or cols > GRID_MAX[1]:
        return None
    return {"slice": lead, "expected": e2.tolist(), "got": g2.tolist(), "bad": b2.tolist()}


def _map(bad: torch.Tensor) -> dict:
    """Where mismatches sit over the last two dims (OR over leading dims), downsampled."""
    m = bad.reshape(-1, bad.shape[-2], bad.shape[-1]).any(dim=0)
    rows, cols = m.shape
    rstep = max(1, math.ceil(rows / MAP_MAX[0]))
    cstep = max(1, math.ceil(cols / MAP_MAX[1]))
    cells = []
    for r0 in range(0, rows, rstep):
        line = ""
        for c0 in range(0, cols, cstep):
            line += "x" if bool(m[r0:r0 + rstep, c0:c0 + cstep].any()) else "."
        cells.append(line)
    bad_rows = m.any(dim=1).nonzero().flatten().tolist()
    bad_cols = m.any(dim=0).nonzero().flatten().tolist()
    return {"rows": rows, "cols": cols, "row_step": rstep, "col_step": cstep, "cells": cells,
            "bad_rows": bad_rows[:64], "bad_cols": bad_cols[:64],
            "n_bad_rows": len(bad_rows), "n_bad_cols": len(bad_cols)}
