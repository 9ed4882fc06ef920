"""Hidden cases for logsumexp: torch.logsumexp(x, dim, keepdim) for one int dim.

params:
  shape, dim, keepdim (None = left at its default)
  scale, shift:   values are randn * scale + shift
  row_shifts:     per-slice offsets along dim 0 (rows of very different scales)
  neg_inf:        "partial" (some -inf entries, every row keeps one finite value) or
                  "rows" (some whole reduced slices are -inf, others partial)
  pos_inf:        put +inf into some reduced slices
  layout:         caselib layout of x
"""

import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    params = {
        "shape": caselib.distinct_sizes(rng, rank, 2, 8),
        "dim": rng.randint(-rank, rank - 1),
        "keepdim": rng.choice((None, False, True)),
        "scale": rng.choice((1.0, 3.0, 10.0)),
        "shift": rng.choice((0.0, 0.0, 50.0, -50.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }
    if index >= 24:
        # Cases 24-39 leave the dtype to the spec's cycle (dtypes[index % 4]): on CUDA runs,
        # and in dev check, cases 26, 27, 30, 31 ... are float16 / bfloat16.
        del params["dtype"]
    if rng.random() < 0.3:
        params["neg_inf"] = rng.choice(("partial", "rows"))
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    dim = int(params.get("dim", -1))
    f64 = torch.float64
    x = caselib.randn(shape, gen, f64, "cpu", scale=float(params.get("scale", 1.0)),
                      shift=float(params.get("shift", 0.0)))
    if params.get("row_shifts"):
        offs = torch.tensor(params["row_shifts"], dtype=f64)
        offs = offs[torch.arange(shape[0]) % len(offs)]
        x = x + offs.reshape([-1] + [1] * (len(shape) - 1))
    # Work with the reduced dim last: one "row" per reduced slice.
    xm = x.movedim(dim, -1).clone()                    # (..., n)
    rows = xm.reshape(-1, xm.shape[-1])
    n_rows, n = rows.shape
    kind = params.get("neg_inf")
    if kind:
        drop = torch.rand(rows.shape, generator=gen, dtype=f64) < 0.4
        keep = torch.randint(0, n, (n_rows,), generator=gen)
        drop[torch.arange(n_rows), keep] = False
        if kind == "rows":
            whole = torch.randperm(n_rows, generator=gen)[: max(1, n_rows // 3)]
            drop[whole] = True
        rows[drop] = float("-inf")
    if params.get("pos_inf"):
        which = torch.randperm(n_rows, generator=gen)[: max(1, n_rows // 3)]
        cols = torch.randint(0, n, (len(which),), generator=gen)
        rows[which, cols] = float("inf")
    x = rows.reshape(xm.shape).movedim(-1, dim).to(dtype=dtype, device=device)
    x = caselib.layout(x, params.get("layout", "contiguous"), gen)
    kwargs = {"dim": dim}
    if params.get("keepdim") is not None:
        kwargs["keepdim"] = bool(params["keepdim"])
    return {"args": [x], "kwargs": kwargs}


def reference_entry():
    def logsumexp(x, dim, keepdim=False):
        return torch.logsumexp(x, dim, keepdim=keepdim)
    return logsumexp


class NotThisCase(Exception):
    pass


def _right(x, dim, keepdim):
    return torch.logsumexp(x, dim, keepdim=keepdim)


def _global_max(x, dim, keepdim=False):
    right = _right(x, dim, keepdim)
    for dt in (torch.float64, torch.float32):
        y = x.to(dt)
        m = y.max()
        out = (torch.log(torch.exp(y - m).sum(dim, keepdim=keepdim)) + m).to(x.dtype)
        lost = torch.isfinite(right) & ~torch.isfinite(out)
        if bool(lost.any()):
            return out
    raise NotThisCase


def _naive(x, dim, keepdim=False):
    right = _right(x, dim, keepdim)
    for dt in (torch.float64, torch.float32):
        out = torch.log(torch.exp(x.to(dt)).sum(dim, keepdim=keepdim)).to(x.dtype)
        if bool((torch.isfinite(right) & ~torch.isfinite(out)).any()):
            return out
    raise NotThisCase


def _no_max_back(x, dim, keepdim=False):
    m = x.amax(dim, keepdim=True)
    m = torch.where(torch.isinf(m), torch.zeros_like(m), m)
    out = torch.log(torch.exp(x - m).sum(dim, keepdim=True))
    return out if keepdim else out.squeeze(dim)


def _unguarded(x, dim, keepdim=False):
    if bool(torch.isfinite(x).all()):
        raise NotThisCase
    m = x.amax(dim, keepdim=True)
    out = m + torch.log(torch.exp(x - m).sum(dim, keepdim=True))
    return out if keepdim else out.squeeze(dim)


SUSPECTS = [
    ("exp() overflowed: subtract the max along `dim` before exponentiating, then add it back",
     _naive),
    ("you subtracted one global max for the whole tensor: slices far below it underflow to "
     "exp(...) = 0 and give −inf; take the max along `dim` (amax(dim, keepdim=True))",
     _global_max),
    ("the max was subtracted but never added back: logsumexp(x) = m + log Σ exp(x − m)",
     _no_max_back),
    ("a slice whose max is ±inf gives inf − inf = NaN in x − m; PyTorch returns −inf for a "
     "slice of all −inf and +inf for a slice holding +inf: replace an infinite max by 0 "
     "before subtracting",
     _unguarded),
]


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """x of shape (N, C), logits-like (spread 3), reduced over the last dim."""
    x = caselib.randn([int(size["N"]), int(size["C"])], gen, dtype, device, scale=3.0)
    return {"args": [x], "kwargs": {"dim": -1}}
