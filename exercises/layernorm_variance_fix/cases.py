"""Hidden cases for layernorm_variance_fix: layer_norm(x, weight, bias, eps) over the last dim.

The truth is torch.nn.functional.layer_norm(x, (D,), weight, bias, eps) in float64.

params:
  lead:        leading sizes, e.g. [5] or [3, 4]
  d:           the normalized (last) dim
  eps:         passed explicitly when present, otherwise the default 1e-5 is used
  shift, loc_spread, scale: per-row mean = shift + loc_spread·N(0, 1), std = scale·e^{0.2·N(0,1)}
  tiny_rows, tiny_std: rows made almost constant
  layout:      memory layout of x (caselib.layout)
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")


def random_params(rng: random.Random, index: int) -> dict:
    n_lead = rng.choice((1, 2))
    *lead, d = caselib.distinct_sizes(rng, n_lead + 1, 2, 9)
    if d < 3:
        d += 7
    p = {
        "lead": lead,
        "d": d,
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[index % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }
    if rng.random() < 0.4:
        p["eps"] = rng.choice((1e-5, 1e-3, 1e-6))
    return p


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    lead = [int(s) for s in params["lead"]]
    d = int(params["d"])
    rows = 1
    for s in lead:
        rows *= s
    # Rows standardized exactly in float64, then given their own mean and std, so that no
    # row is ill-conditioned by chance (which would fail even a correct float32 answer).
    z = caselib.standardized((rows, d), gen, 1)
    mean = float(params.get("shift", 0.0)) + caselib.randn(
        (rows, 1), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0)))
    std = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((rows, 1), gen, f64, "cpu"))
    for r in range(min(int(params.get("tiny_rows", 0)), rows)):
        std[r] = float(params["tiny_std"])
    x = (z * std + mean).reshape(lead + [d]).to(dtype=dtype, device=device)
    kwargs = {"eps": float(params["eps"])} if "eps" in params else {}
    return {
        "args": [
            caselib.layout(x, params.get("layout", "contiguous"), gen),
            caselib.randn((d,), gen, dtype, device, scale=0.5, shift=1.0),   # weight
            caselib.randn((d,), gen, dtype, device, scale=0.5),              # bias
        ],
        "kwargs": kwargs,
    }


def _reference(x, weight, bias, eps=1e-5):
    return F.layer_norm(x, x.shape[-1:], weight, bias, eps)


def reference_entry():
    return _reference


def _var(x, dim, unbiased=False):
    return x.var(dim, keepdim=True, unbiased=unbiased)


def _unbiased(x, weight, bias, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(_var(x, -1, True) + eps) * weight + bias


def _eps_outside(x, weight, bias, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    return (x - mean) / (_var(x, -1).sqrt() + eps) * weight + bias


def _over_dim(dim):
    def wrong(x, weight, bias, eps=1e-5):
        if x.dim() == 2 and dim == 1:
            raise ValueError("dim 1 is the last dim of a 2-D input: that is the right answer")
        mean = x.mean(dim, keepdim=True)
        return (x - mean) / torch.sqrt(_var(x, dim) + eps) * weight + bias
    return wrong


def _over_dim_unbiased(dim):
    def wrong(x, weight, bias, eps=1e-5):
        if x.dim() == 2 and dim == 1:
            raise ValueError("same as the unbiased suspect")
        mean = x.mean(dim, keepdim=True)
        return (x - mean) / torch.sqrt(_var(x, dim, True) + eps) * weight + bias
    return wrong


def _one_pass(x, weight, bias, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    var = (x * x).mean(-1, keepdim=True) - mean * mean
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


SUSPECTS = [
    ("the variance is still the unbiased one: Tensor.var divides by D − 1 by default; "
     "LayerNorm divides by D (x.var(-1, unbiased=False, keepdim=True))",
     _unbiased),
    ("eps belongs inside the square root: (x − mean) / sqrt(var + eps), not / (sqrt(var) + eps)",
     _eps_outside),
    ("the statistics were taken over dim 0, the batch dim (that is BatchNorm); LayerNorm "
     "normalizes each row over the last dim",
     _over_dim(0)),
    ("the statistics were taken over dim 0 (and with the unbiased variance); LayerNorm "
     "normalizes each row over the last dim with the biased variance",
     _over_dim_unbiased(0)),
    ("the statistics were taken over dim 1, which is the last dim only for 2-D input; use "
     "dim=-1 so that (N, T, D) input is normalized over D",
     _over_dim(1)),
    ("the statistics were taken over dim 1 (and with the unbiased variance); use dim=-1 and "
     "unbiased=False",
     _over_dim_unbiased(1)),
    ("the one-pass variance E[x²] − E[x]² cancels catastrophically when the mean is large "
     "compared to the spread; subtract the mean first, then square",
     _one_pass),
]
