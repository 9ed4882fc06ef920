"""Hidden cases for batchnorm_backward.

The truth is autograd through torch.nn.functional.batch_norm(training=True) in float64, so
a slip in solutions/batchnorm_backward.py cannot define what is right.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")
EPSES = (1e-5, 1e-5, 1e-3)


def random_params(rng: random.Random, index: int) -> dict:
    if rng.random() < 0.6:
        n, c, l = caselib.distinct_sizes(rng, 3, 2, 7)
    else:
        n, c = caselib.distinct_sizes(rng, 2, 2, 9)
        l = None
    return {
        "n": n, "c": c, "l": l,
        "eps": rng.choice(EPSES),
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[(index // 2) % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    """x with exactly chosen per-channel batch means and stds, and an upstream gradient.

    Raw normal draws with few values per channel sometimes have a batch std near 0 by
    chance; float32 batch norm is then ill-conditioned (the input gradient grows like
    1 / std) and no float32 algorithm meets the float64 truth. So each channel is
    standardized in float64 and given its own mean and std. The upstream gradient of a
    channel is scaled by that channel's std, which keeps grad_x (≈ weight · g / std) of
    order one whatever the channel's scale.
    """
    f64 = torch.float64
    n, c, l = int(params["n"]), int(params["c"]), params.get("l")
    shape = (n, c) if l is None else (n, c, int(l))
    dims = (0,) if l is None else (0, 2)
    view = (1, -1) if l is None else (1, -1, 1)

    z = caselib.standardized(shape, gen, dims)
    if params.get("stds") is not None:
        std = torch.tensor(params["stds"], dtype=f64)
    else:
        std = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((c,), gen, f64, "cpu"))
    loc = float(params.get("shift", 0.0)) + caselib.randn(
        (c,), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0)))
    mean = loc + 0.3 * std * caselib.randn((c,), gen, f64, "cpu")
    x = z * std.reshape(view) + mean.reshape(view)
    g = caselib.randn(shape, gen, f64, "cpu") * std.reshape(view)
    # Away from 1 so that a forgotten weight shows.
    weight = caselib.randn((c,), gen, f64, "cpu", scale=0.5, shift=1.0)

    layout = params.get("layout", "contiguous")
    x = caselib.layout(x.to(dtype=dtype, device=device), layout, gen)
    g = caselib.layout(g.to(dtype=dtype, device=device), layout, gen)
    kwargs = {}
    if params.get("eps") is not None:
        kwargs["eps"] = float(params["eps"])
    return {"args": [g, x, weight.to(dtype=dtype, device=device)], "kwargs": kwargs}


def _autograd_truth(grad_output, x, weight, eps=1e-5):
    with torch.enable_grad():
        x = x.detach().clone().requires_grad_(True)
        w = weight.detach().clone().requires_grad_(True)
        b = torch.zeros_like(w, requires_grad=True)
        y = F.batch_norm(x, None, None, w, b, training=True, eps=eps)
        gx, gw, gb = torch.autograd.grad(y, (x, w, b), grad_output)
    return gx, gw, gb


def reference_entry():
    return _autograd_truth


NAMES = ("grad_x", "grad_weight", "grad_bias")


def call(entry, inputs: dict, ctx):
    return caselib.named(ctx.call(entry, *inputs["args"], **inputs["kwargs"]), NAMES)


# ---------------------------------------------------------------------------------------
# Known mistakes: one function with switches, each suspect turns exactly one on.


def _wrong(g, x, w, eps=1e-5, *, constant_stats=False, unbiased=False, dim0_only=False,
           weight_grad_with_x=False, sum_not_mean=False, eps_outside=False, one_pass=False):
    if x.dim() == 2 and dim0_only:
        raise ValueError("applies to (N, C, L) input only")
    full = (0,) if x.dim() == 2 else (0, 2)
    dims = (0,) if dim0_only else full
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)
    n = 1
    for d in dims:
        n *= x.shape[d]
    mean = x.mean(dims, keepdim=True)
    if one_pass:
        var = (x * x).mean(dims, keepdim=True) - mean * mean
    else:
        var = ((x - mean) ** 2).mean(dims, keepdim=True)
    if unbiased:
        var = var * n / (n - 1)
    rstd = 1.0 / (var.sqrt() + eps) if eps_outside else 1.0 / (var + eps).sqrt()
    xhat = (x - mean) * rstd
    wv = w.reshape(view)
    gb = g.sum(full)
    gw = (g * x).sum(full) if weight_grad_with_x else (g * xhat).sum(full)
    if constant_stats:
        gx = g * wv * rstd
    else:
        red = (lambda t: t.sum(dims, keepdim=True)) if sum_not_mean else (lambda t: t.mean(dims, keepdim=True))
        gx = wv * rstd * (g - red(g) - xhat * red(g * xhat))
    return gx, gw, gb


def _suspect(**switches):
    return lambda g, x, w, eps=1e-5: _wrong(g, x, w, eps, **switches)


SUSPECTS = [
    ("the batch mean and variance were treated as constants (grad_x = g·weight/√(var+eps)): "
     "they depend on every x, so grad_x also needs the −mean(g) and −x̂·mean(g·x̂) terms",
     _suspect(constant_stats=True)),
    ("you used the unbiased variance (÷ (n − 1)); training-mode batch norm normalizes with the "
     "biased batch variance (÷ n)",
     _suspect(unbiased=True)),
    ("for (N, C, L) input the statistics are per channel over N and L (dims 0 and 2); you took "
     "them over dim 0 only",
     _suspect(dim0_only=True)),
    ("grad_weight was computed from x instead of x̂: y = weight·x̂ + bias, so "
     "grad_weight = Σ g·x̂ over N (and L)",
     _suspect(weight_grad_with_x=True)),
    ("the mean-gradient terms use sums where means are needed: Σg and Σ(g·x̂) must be divided "
     "by n (the number of values per channel)",
     _suspect(sum_not_mean=True)),
    ("eps belongs inside the square root: 1/√(var + eps), not 1/(√var + eps)",
     _suspect(eps_outside=True)),
    ("the one-pass variance E[x²] − E[x]² cancels catastrophically when the mean is large; "
     "subtract the mean first, then square",
     _suspect(one_pass=True)),
]
