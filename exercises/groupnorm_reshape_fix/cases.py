"""Hidden cases for groupnorm_reshape_fix: a NumPy group_norm(x, gamma, beta, G, eps).

Inputs are NumPy arrays: x (N, C, H, W), gamma and beta (1, C, 1, 1), in the case's dtype.
The truth is torch.nn.functional.group_norm in float64 on the same values, returned as a
NumPy array (the engine compares NumPy arrays like tensors, dtype included).

params:
  n, groups, per_group, h, w: sizes (C = groups · per_group)
  eps:         passed explicitly when present
  shift, loc_spread, scale: per-(sample, group) mean = shift + loc_spread·N(0, 1) and
               std = scale·e^{0.2·N(0, 1)}
  layout:      memory layout of x (caselib.layout, applied before converting to NumPy)
"""

import random

import numpy as np
import torch
import torch.nn.functional as F

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")


def random_params(rng: random.Random, index: int) -> dict:
    groups = rng.choice((1, 2, 3, 4))
    per_group = rng.choice((1, 2, 3, 5))
    n, h, w = caselib.distinct_sizes(rng, 3, 1, 6)
    if per_group * h * w < 3:
        h, w = h + 2, w + 1
    p = {
        "n": n, "groups": groups, "per_group": per_group, "h": h, "w": w,
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[index % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }
    if rng.random() < 0.3:
        p["eps"] = rng.choice((1e-3, 1e-6))
    return p


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    n, groups, per = int(params["n"]), int(params["groups"]), int(params["per_group"])
    h, w = int(params["h"]), int(params["w"])
    c = groups * per
    m = per * h * w
    # Each (sample, group) standardized in float64, then given its own mean and std.
    z = caselib.standardized((n, groups, m), gen, 2)
    mean = float(params.get("shift", 0.0)) + caselib.randn(
        (n, groups, 1), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0)))
    std = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((n, groups, 1), gen, f64, "cpu"))
    x = (z * std + mean).reshape(n, c, h, w).to(dtype)
    x = caselib.layout(x, params.get("layout", "contiguous"), gen)
    gamma = caselib.randn((1, c, 1, 1), gen, dtype, "cpu", scale=0.5, shift=1.0)
    beta = caselib.randn((1, c, 1, 1), gen, dtype, "cpu", scale=0.5)
    kwargs = {"eps": float(params["eps"])} if "eps" in params else {}
    # .numpy() keeps the strides, so a transposed or sliced tensor gives a non-contiguous array.
    return {"args": [x.numpy(), gamma.numpy(), beta.numpy(), groups], "kwargs": kwargs}


def _t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


def _reference(x, gamma, beta, G, eps=1e-5):
    c = x.shape[1]
    y = F.group_norm(_t(x), G, _t(gamma).reshape(c), _t(beta).reshape(c), eps)
    return y.numpy()


def reference_entry():
    return _reference


# ---------------------------------------------------------------------------------------
# Known mistakes (NumPy, float64).


def _finish(xn, shape, gamma, beta):
    return np.asarray(gamma, np.float64) * xn.reshape(shape) + np.asarray(beta, np.float64)


def _unbiased(x, gamma, beta, G, eps=1e-5):
    x = np.asarray(x, np.float64)
    n, c, h, w = x.shape
    xg = x.reshape(n, G, c // G, h, w)
    var = xg.var(axis=(2, 3, 4), keepdims=True, ddof=1)
    return _finish((xg - xg.mean(axis=(2, 3, 4), keepdims=True)) / np.sqrt(var + eps), x.shape, gamma, beta)


def _strided(x, gamma, beta, G, eps=1e-5):
    x = np.asarray(x, np.float64)
    n, c, h, w = x.shape
    if G in (1, c):
        raise ValueError("strided and consecutive groups coincide for G = 1 or G = C")
    xg = x.reshape(n, c // G, G, h, w)                  # channel k in group k % G
    mean = xg.mean(axis=(1, 3, 4), keepdims=True)
    var = xg.var(axis=(1, 3, 4), keepdims=True)
    return _finish((xg - mean) / np.sqrt(var + eps), x.shape, gamma, beta)


def _sixteen(x, gamma, beta, G, eps=1e-5):
    x = np.asarray(x, np.float64)
    n, c, h, w = x.shape
    if G == 16:
        raise ValueError("right answer")
    xg = x.reshape(n, 16, c // 16, h, w)
    mean = xg.mean(axis=(2, 3, 4), keepdims=True)
    var = xg.var(axis=(2, 3, 4), keepdims=True)
    return _finish((xg - mean) / np.sqrt(var + eps), x.shape, gamma, beta)


def _over_batch(x, gamma, beta, G, eps=1e-5):
    x = np.asarray(x, np.float64)
    n, c, h, w = x.shape
    xg = x.reshape(n, G, c // G, h, w)
    mean = xg.mean(axis=(0, 2, 3, 4), keepdims=True)
    var = xg.var(axis=(0, 2, 3, 4), keepdims=True)
    return _finish((xg - mean) / np.sqrt(var + eps), x.shape, gamma, beta)


def _eps_outside(x, gamma, beta, G, eps=1e-5):
    x = np.asarray(x, np.float64)
    n, c, h, w = x.shape
    xg = x.reshape(n, G, c // G, h, w)
    mean = xg.mean(axis=(2, 3, 4), keepdims=True)
    var = xg.var(axis=(2, 3, 4), keepdims=True)
    return _finish((xg - mean) / (np.sqrt(var) + eps), x.shape, gamma, beta)


SUSPECTS = [
    ("np.var with ddof=1 is the unbiased variance (÷ (n − 1)); GroupNorm uses the biased one, "
     "NumPy's default ddof=0",
     _unbiased),
    ("the groups were formed over the wrong axis: reshape(N, C // G, G, H, W) puts channel k in "
     "group k % G; the groups are G blocks of C // G consecutive channels, "
     "reshape(N, G, C // G, H, W)",
     _strided),
    ("16 groups are still hard-coded; the group count is the argument G",
     _sixteen),
    ("the statistics also ran over axis 0, the batch; GroupNorm normalizes each sample on its own",
     _over_batch),
    ("eps belongs inside the square root: (x − mean) / sqrt(var + eps)",
     _eps_outside),
]
