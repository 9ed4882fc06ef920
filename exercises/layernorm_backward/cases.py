"""Hidden cases for layernorm_backward.

The truth is autograd through torch.nn.functional.layer_norm over the last dim, in float64.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")
EPSES = (1e-5, 1e-5, 1e-3)


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((2, 2, 3, 3, 4))
    # grad_weight sums over every row; in float32 a sum of a few hundred rows already has
    # rounding errors near the float32 tolerance, so keep the row count modest.
    while True:
        shape = caselib.distinct_sizes(rng, rank, 2, 8)
        rows = 1
        for s in shape[:-1]:
            rows *= s
        if rows <= 60:
            break
    return {
        "shape": shape,
        "eps": rng.choice(EPSES),
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[(index // 2) % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    """x whose rows have exactly chosen means and stds, and an upstream gradient.

    A row of a few raw normal draws can have a std near 0 by chance, where float32 layer
    norm is ill-conditioned (grad_x grows like 1 / std); so each row is standardized in
    float64 and given its own mean and std. The upstream gradient of a row is scaled by
    that row's std, which keeps grad_x (≈ weight · g / std) of order one.
    """
    f64 = torch.float64
    shape = [int(s) for s in params["shape"]]
    d = shape[-1]
    lead = shape[:-1]
    z = caselib.standardized(shape, gen, -1)
    if params.get("row_stds") is not None:
        stds = torch.tensor(params["row_stds"], dtype=f64)
        std = stds[torch.arange(max(1, z.numel() // d)) % len(stds)].reshape(lead + [1])
    else:
        std = float(params.get("scale", 1.0)) * torch.exp(0.3 * caselib.randn(lead + [1], gen, f64, "cpu"))
    loc = float(params.get("shift", 0.0)) + float(params.get("loc_spread", 1.0)) * caselib.randn(
        lead + [1], gen, f64, "cpu")
    x = z * std + loc
    g = caselib.randn(shape, gen, f64, "cpu") * std
    # Away from 1 so that a forgotten weight shows.
    weight = caselib.randn((d,), gen, f64, "cpu", scale=0.5, shift=1.0)

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
        y = F.layer_norm(x, (x.shape[-1],), w, b, eps)
        gx, gw, gb = torch.autograd.grad(y, (x, w, b), grad_output)
    return gx, gw, gb


def reference_entry():
    return _autograd_truth


NAMES = ("grad_x", "grad_weight", "grad_bias")


def call(entry, inputs: dict, ctx):
    return caselib.named(ctx.call(entry, *inputs["args"], **inputs["kwargs"]), NAMES)


# ---------------------------------------------------------------------------------------
# Known mistakes: one function with switches, each suspect turns exactly one on.


def _wrong(g, x, w, eps=1e-5, *, batch_stats=False, no_var_term=False, unbiased=False,
           constant_stats=False, weight_grad_with_x=False, eps_outside=False):
    if batch_stats:
        if x.dim() < 2:
            raise ValueError("needs a batch dim")
        dims = (0,)                      # per feature, over the batch: batch norm
    else:
        dims = (-1,)
    n = 1
    for d in dims:
        n *= x.shape[d]
    mean = x.mean(dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dims, keepdim=True)
    if unbiased:
        var = var * n / (n - 1)
    rstd = 1.0 / (var.sqrt() + eps) if eps_outside else 1.0 / (var + eps).sqrt()
    xhat = (x - mean) * rstd
    gh = g * w
    if constant_stats:
        gx = gh * rstd
    elif no_var_term:
        gx = rstd * (gh - gh.mean(dims, keepdim=True))
    else:
        gx = rstd * (gh - gh.mean(dims, keepdim=True) - xhat * (gh * xhat).mean(dims, keepdim=True))
    d = x.shape[-1]
    rows = (lambda t: t.reshape(-1, d).sum(0))
    gw = rows(g * x) if weight_grad_with_x else rows(g * xhat)
    return gx, gw, rows(g)


def _suspect(**switches):
    return lambda g, x, w, eps=1e-5: _wrong(g, x, w, eps, **switches)


SUSPECTS = [
    ("the statistics were taken over the batch (per feature, as in batch norm); layer norm "
     "takes them per row, over the last dim: x.mean(-1, keepdim=True)",
     _suspect(batch_stats=True)),
    ("the −x̂·mean(ĝ·x̂) term is missing: that is the path through the variance",
     _suspect(no_var_term=True)),
    ("you used the unbiased variance (÷ (D − 1)), e.g. x.var(-1); layer norm uses the biased "
     "one (÷ D): x.var(-1, unbiased=False)",
     _suspect(unbiased=True)),
    ("the row mean and variance were treated as constants (grad_x = g·weight/√(var+eps)); both "
     "depend on x, so grad_x needs the −mean(ĝ) and −x̂·mean(ĝ·x̂) terms",
     _suspect(constant_stats=True)),
    ("grad_weight was computed from x instead of x̂ (y = weight·x̂ + bias)",
     _suspect(weight_grad_with_x=True)),
    ("eps belongs inside the square root: 1/√(var + eps), not 1/(√var + eps)",
     _suspect(eps_outside=True)),
]
