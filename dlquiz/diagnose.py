"""Turn a mismatch into likely causes a reviewer would name.

Generic patterns only (transposed result, constant factor or offset, wrong order of the
same numbers, NaN from overflow, mismatches confined to a diagonal or a triangle).
Exercise-specific causes come from the SUSPECTS of that exercise's cases.py.
"""

from __future__ import annotations

from fractions import Fraction

import torch


def shape_causes(expected: list[int], got: list[int]) -> list[str]:
    out = []
    if len(expected) >= 2 and got == expected[:-2] + [expected[-1], expected[-2]]:
        out.append("the shape is the expected one with the last two dims swapped: a missing or extra transpose?")
    elif sorted(expected) == sorted(got) and len(expected) == len(got):
        out.append("the same sizes in another order: two axes are swapped (check permute/transpose order)")
    elif len(got) == len(expected) + 1 and 1 in got:
        out.append("one extra dim of size 1: use keepdim=False, or squeeze it")
    elif len(got) + 1 == len(expected) and 1 in expected:
        out.append("a dim of size 1 is missing: keepdim=True, or unsqueeze it back")
    elif len(got) < len(expected):
        out.append(f"{len(expected) - len(got)} dim(s) fewer than expected: a reduction over the wrong or too many dims?")
    elif len(got) > len(expected):
        out.append("more dims than expected: an unintended broadcast, or a missing reduction?")
    else:
        for d, (e, g) in enumerate(zip(expected, got)):
            if e != g:
                out.append(f"dim {d} has size {g} instead of {e}")
                break
    return out


def same_numbers(e: torch.Tensor, g: torch.Tensor, rtol: float, atol: float) -> list[str]:
    """Shapes differ but the element count matches: are these the right numbers?"""
    if _close(e.flatten(), g.flatten(), rtol, atol):
        return ["the numbers are right and in the right memory order, only the shape is wrong: "
                "reshape to the expected shape"]
    if _close(e.flatten().sort().values, g.flatten().sort().values, rtol, atol):
        return ["the right numbers in the wrong order: a view/reshape before moving the axes?"]
    return []


def dtype_cause(expected: str, got: str) -> str:
    if got == "float64" and expected != "float64":
        return "something promoted the result to float64: a NumPy array or a float64 tensor created without dtype=x.dtype?"
    floating = expected.startswith(("float", "bfloat"))
    if floating and (got.startswith(("int", "uint")) or got == "bool"):
        return "integer or bool result: a comparison or integer arithmetic where floats were needed?"
    if not floating:
        return f"the result must be {expected}: convert it with .to(torch.{expected}) (a comparison gives bool)"
    return f"create intermediates with dtype=x.dtype so the result stays {expected}"


def nonfinite_causes(e: torch.Tensor, g: torch.Tensor) -> list[str]:
    return ["NaN/Inf where the expected values are finite: typically exp() overflowing (subtract the "
            "max first), log(0), or a division by zero (a row with nothing to attend to, a variance "
            "without eps)"]


def _close(e: torch.Tensor, g: torch.Tensor, rtol: float, atol: float) -> bool:
    if e.shape != g.shape:
        return False
    return bool(((g - e).abs() <= atol + rtol * e.abs()).all())


def _nice(c: float) -> str:
    frac = Fraction(c).limit_denominator(64)
    if abs(float(frac) - c) < 1e-6 * max(1.0, abs(c)) and frac.denominator != 1:
        return f"{c:.6g} (= {frac})"
    return f"{c:.6g}"


def value_causes(e: torch.Tensor, g: torch.Tensor, bad: torch.Tensor, rtol: float, atol: float) -> list[str]:
    out: list[str] = []
    loose_r, loose_a = max(rtol * 10, 1e-5), max(atol * 10, 1e-6)
    if e.dim() >= 2 and e.shape[-1] == e.shape[-2] and _close(e.transpose(-1, -2), g, loose_r, loose_a):
        return ["your result is the transpose of the expected one (last two dims)"]
    if not bool(g.abs().gt(0).any()) and bool(e.abs().gt(0).any()):
        return ["your result is all zeros: is the computed tensor returned, or only allocated?"]
    if e.numel() == 1:  # one number: "off by a factor" or "by a constant" says nothing more
        return out
    denom = float((e * e).sum())
    if denom > 0:
        c = float((g * e).sum()) / denom
        if abs(c - 1) > 1e-3 and _close(c * e, g, loose_r, loose_a):
            if abs(c + 1) < 1e-6:
                out.append("every element has the wrong sign")
            else:
                out.append(f"every element is off by the same factor ×{_nice(c)}: a missing or extra "
                           f"scale such as 1/(1−p), 1/√d or N/(N−1)?")
            return out
    shift = float((g - e).mean())
    if abs(shift) > atol and _close(e + shift, g, loose_r, loose_a):
        return [f"every element is off by the same constant {shift:+.6g}"]
    if e.dim() >= 2:
        out += _pattern(bad)
    if e.numel() == g.numel() and _close(e.flatten().sort().values, g.flatten().sort().values, loose_r, loose_a):
        out.append("the right numbers in the wrong places: axes mixed up (a view of a non-contiguous "
                   "tensor, or a reshape where a transpose was needed)?")
    return out


def _pattern(bad: torch.Tensor) -> list[str]:
    m = bad.reshape(-1, bad.shape[-2], bad.shape[-1]).any(dim=0)
    rows, cols = m.shape
    n = int(m.sum())
    if n == 0:
        return []
    r = torch.arange(rows)[:, None]
    c = torch.arange(cols)[None, :]
    bad_rows = m.any(dim=1)
    bad_cols = m.any(dim=0)
    # A mask pattern needs mismatches in at least two rows and two columns; one bad row or
    # column is reported as such (row 0 alone is not "on and above the diagonal").
    if rows > 1 and cols > 1 and int(bad_rows.sum()) >= 2 and int(bad_cols.sum()) >= 2:
        if n == int((m & (r == c)).sum()):
            return ["only the diagonal (i == j) differs: an off-by-one in a mask (tril vs triu, diagonal=±1)?"]
        if n == int((m & (c > r)).sum()):
            return ["mismatches only above the diagonal (j > i): positions that should be masked are not?"]
        if n == int((m & (c >= r)).sum()) and bool(m[(r == c).expand(rows, cols)].any()):
            return ["mismatches only on and above the diagonal: the mask is shifted by one?"]
    if rows > 2 and int(bad_rows.sum()) == 1:
        return [f"only row {int(bad_rows.nonzero()[0])} of the last-two-dims slice differs"]
    if cols > 2 and int(bad_cols.sum()) == 1:
        return [f"only column {int(bad_cols.nonzero()[0])} of the last-two-dims slice differs"]
    return []
