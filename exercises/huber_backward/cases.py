"""Hidden cases for huber_backward: d/dinput of F.huber_loss(input, target, delta, reduction).

params:
  shape:     the shape of input and target
  delta:     δ > 0
  reduction: mean | sum
  scale:     spread of input − target in units of δ (small: mostly quadratic; large: linear)
  boundary:  put some elements exactly at |input − target| = δ and some at exactly 0
  layout:    layout of input and target
The expected gradient comes from autograd on F.huber_loss in float64.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((1, 2, 2, 3))
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "delta": rng.choice((1.0, 0.5, 2.0, 0.25, 1.5)),
        "reduction": ("mean", "sum")[index % 2],
        "scale": rng.choice((1.0, 2.0)),
        "boundary": rng.random() < 0.3,
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if (index // 2) % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    delta = float(params.get("delta", 1.0))
    scale = float(params.get("scale", 1.5))
    f64 = torch.float64
    target = caselib.randn(shape, gen, f64, "cpu", scale=2.0)
    diff = caselib.randn(shape, gen, f64, "cpu", scale=scale * delta)
    if params.get("boundary"):
        # Multiples of 1/8 and δ from {0.25, 0.5, ..}: input − target is exact in float32,
        # so these elements sit exactly on |d| = δ, or exactly at d = 0.
        target = torch.round(target * 8) / 8
        flat = diff.view(-1)
        k = flat.numel()
        pick = torch.randperm(k, generator=gen)
        third = max(1, k // 3)
        signs = torch.where(torch.rand(third, generator=gen, dtype=f64) < 0.5, -1.0, 1.0).to(f64)
        flat[pick[:third]] = signs * delta
        flat[pick[third:2 * third]] = 0.0
        flat[pick[2 * third:]] = torch.round(flat[pick[2 * third:]] * 8) / 8
    inp = (target + diff).to(dtype=dtype, device=device)
    target = target.to(dtype=dtype, device=device)
    lay = params.get("layout", "contiguous")
    inp, target = caselib.layout(inp, lay, gen), caselib.layout(target, lay, gen)
    kwargs = {}
    if "delta" in params:
        kwargs["delta"] = delta
    if "reduction" in params:
        kwargs["reduction"] = params["reduction"]
    return {"args": [inp, target], "kwargs": kwargs}


def reference_entry():
    def huber_backward(input, target, delta=1.0, reduction="mean"):
        x = input.detach().clone().requires_grad_(True)
        (g,) = torch.autograd.grad(F.huber_loss(x, target, reduction=reduction, delta=delta), x)
        return g
    return huber_backward


class NotThisCase(Exception):
    pass


def _wrong(input, target, delta=1.0, reduction="mean", *, smooth_l1=False, no_abs=False,
           swapped=False, norm="numel", sign=1.0, div_sign=False):
    d = sign * (input - target)
    if smooth_l1:
        if delta == 1.0:
            raise NotThisCase
        g = torch.where(d.abs() <= delta, d / delta, torch.sign(d))
    elif no_abs:
        if not bool((d < -delta).any()):
            raise NotThisCase
        g = torch.where(d <= delta, d, delta * torch.sign(d))
    elif swapped:
        g = torch.where(d.abs() <= delta, delta * torch.sign(d), d)
    elif div_sign:
        if not bool((d == 0).any()):
            raise NotThisCase
        g = torch.where(d == 0, torch.full_like(d, float("nan")), torch.clamp(d, -delta, delta))
    else:
        g = torch.clamp(d, -delta, delta)
    if reduction == "sum":
        if norm != "numel":
            raise NotThisCase
        return g
    if norm == "none":
        if d.numel() == 1:
            raise NotThisCase
        return g
    if norm == "batch":
        if d.dim() < 2:
            raise NotThisCase
        return g / d.shape[0]
    return g / d.numel()


def _suspect(**knobs):
    return lambda input, target, delta=1.0, reduction="mean": _wrong(input, target, delta, reduction, **knobs)


SUSPECTS = [
    ("that is the SmoothL1 gradient (d/δ inside, sign(d) outside): Huber = δ · SmoothL1, so its "
     "gradient is d inside |d| ≤ δ and δ·sign(d) outside",
     _suspect(smooth_l1=True)),
    ("the region test must use |d|: for d < −δ the gradient is −δ, not d",
     _suspect(no_abs=True)),
    ("the two regions are swapped: d where |d| ≤ δ (quadratic part), δ·sign(d) where |d| > δ",
     _suspect(swapped=True)),
    ("the 1/numel of reduction='mean' is missing: the mean is over every element",
     _suspect(norm="none")),
    ("you divided by the batch size (shape[0]); reduction='mean' averages over all elements (numel)",
     _suspect(norm="batch")),
    ("the sign is flipped: d = input − target, and the gradient is w.r.t. input",
     _suspect(sign=-1.0)),
    ("sign(d) computed as d / |d| is 0/0 = NaN at d = 0; use torch.sign(d) or clamp",
     _suspect(div_sign=True)),
]
