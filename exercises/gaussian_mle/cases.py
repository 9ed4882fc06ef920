"""Hidden cases for gaussian_mle: (mean, biased var, average NLL at the MLE) along dim.

params:
  shape, dim (None = left at its default 0)
  loc, scale:  samples are randn * scale + loc (per-slice jitter on top, so slices differ)
  layout:      caselib layout of x
The expected values come from torch.var_mean(correction=0) on the float64 upcast.
"""

import math
import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 3)
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "dim": rng.randint(-rank, rank - 1),
        # |loc| / scale stays ≤ 20 here: far larger ratios are for the fixed large-mean cases.
        "loc": rng.choice((0.0, 0.0, 3.0, -5.0, 10.0)),
        "scale": rng.choice((0.5, 1.0, 2.0, 4.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    dim = params.get("dim")
    d = 0 if dim is None else int(dim)
    f64 = torch.float64
    scale = float(params.get("scale", 1.0))
    loc = float(params.get("loc", 0.0))
    # Each slice gets its own centre and spread (a factor in [0.5, 2]), so results differ
    # from slice to slice and a reduction over the wrong dim cannot pass by chance.
    side = list(shape)
    side[d] = 1
    centre = loc + caselib.randn(side, gen, f64, "cpu", scale=max(1.0, abs(loc) * 1e-3))
    spread = scale * torch.exp(0.35 * caselib.randn(side, gen, f64, "cpu"))
    x = caselib.randn(shape, gen, f64, "cpu") * spread + centre
    x = caselib.layout(x.to(dtype=dtype, device=device), params.get("layout", "contiguous"), gen)
    kwargs = {} if dim is None else {"dim": int(dim)}
    return {"args": [x], "kwargs": kwargs}


def _nll(var):
    return 0.5 * torch.log(2 * math.pi * var) + 0.5


def reference_entry():
    def gaussian_mle(x, dim=0):
        var, mean = torch.var_mean(x, dim=dim, correction=0)
        return mean, var, _nll(var)
    return gaussian_mle


class NotThisCase(Exception):
    pass


def _unbiased(x, dim=0):
    var, mean = torch.var_mean(x, dim=dim, correction=1)
    return mean, var, _nll(var)


def _std(x, dim=0):
    var, mean = torch.var_mean(x, dim=dim, correction=0)
    return mean, var.sqrt(), _nll(var)


def _std_everywhere(x, dim=0):
    var, mean = torch.var_mean(x, dim=dim, correction=0)
    return mean, var.sqrt(), _nll(var.sqrt())


def _fixed_dim(x, dim=0, *, use=0):
    if x.dim() == 1 or (dim % x.dim()) == (use % x.dim()):
        raise NotThisCase
    var, mean = torch.var_mean(x, dim=use, correction=0)
    return mean, var, _nll(var)


def _one_pass(x, dim=0):
    right = torch.var(x, dim=dim, correction=0)
    for dt in (torch.float64, torch.float32):
        y = x.to(dt)
        mean = y.mean(dim)
        var = (y * y).mean(dim) - mean * mean
        if not bool(torch.isclose(var.double(), right, rtol=1e-3, atol=1e-6).all()):
            var = var.to(x.dtype)
            return mean.to(x.dtype), var, _nll(var)
    raise NotThisCase


def _nll_no_half(x, dim=0):
    var, mean = torch.var_mean(x, dim=dim, correction=0)
    return mean, var, 0.5 * torch.log(2 * math.pi * var)


SUSPECTS = [
    ("that is the unbiased variance (÷ (N − 1), torch.var's default); the maximum-likelihood "
     "estimate divides by N: correction=0 (unbiased=False)",
     _unbiased),
    ("you returned the standard deviation; the MLE of σ² is the variance (no square root)",
     _std),
    ("you returned the standard deviation; the MLE of σ² is the variance (no square root)",
     _std_everywhere),
    ("the statistics were taken over dim 0 instead of `dim`",
     lambda x, dim=0: _fixed_dim(x, dim, use=0)),
    ("the statistics were taken over the last dim instead of `dim`",
     lambda x, dim=0: _fixed_dim(x, dim, use=-1)),
    ("the one-pass variance E[x²] − E[x]² cancels catastrophically when the mean is large "
     "compared to the spread (here ~1e4 vs 1: E[x²] ~ 1e8, whose float32 spacing is 8); "
     "subtract the mean first, then square",
     _one_pass),
    ("the average NLL at the MLE is ½·log(2πσ²) + ½: the (x − μ)²/(2σ²) term averages to ½, "
     "it does not vanish",
     _nll_no_half),
]
