"""Hidden cases for cross_entropy_backward: d/dlogits of F.cross_entropy(logits, target).

params: N, C, scale (logit scale), layout (of the logits), dtype.
The expected gradient comes from autograd on F.cross_entropy in float64.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    n, c = caselib.distinct_sizes(rng, 2, 2, 12)
    return {
        "N": n, "C": c,
        "scale": rng.choice((1.0, 2.0, 5.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, c = int(params["N"]), int(params["C"])
    logits = caselib.randn([n, c], gen, dtype, device, scale=float(params.get("scale", 2.0)))
    logits = caselib.layout(logits, params.get("layout", "contiguous"), gen)
    target = torch.randint(0, c, (n,), generator=gen)
    if params.get("all_class_zero"):
        target.zero_()
    return {"args": [logits, target.to(device)], "kwargs": {}}


def reference_entry():
    def cross_entropy_backward(logits, target):
        x = logits.detach().clone().requires_grad_(True)
        (g,) = torch.autograd.grad(F.cross_entropy(x, target), x)
        return g
    return cross_entropy_backward


class NotThisCase(Exception):
    pass


def _wrong(logits, target, *, scale="n", sign=1.0, log=False, shift=0, naive=False):
    n, c = logits.shape
    if naive:
        e = torch.exp(logits.to(torch.float32))
        if torch.isfinite(e).all():
            raise NotThisCase
        p = (e / e.sum(1, keepdim=True)).to(logits.dtype)
    elif log:
        p = logits.log_softmax(1)
    else:
        p = logits.softmax(1)
    if shift and c < 2:
        raise NotThisCase
    onehot = F.one_hot((target + shift) % c, c).to(logits.dtype)
    g = sign * (p - onehot)
    if scale == "n":
        return g / n
    if scale == "none":
        if n == 1:
            raise NotThisCase
        return g
    if scale == "nc":
        return g / (n * c)
    raise ValueError(scale)


SUSPECTS = [
    ("the 1/N of the mean reduction is missing: F.cross_entropy averages over the batch, so "
     "each row's gradient is (softmax − onehot) / N",
     lambda logits, target: _wrong(logits, target, scale="none")),
    ("the sign is flipped: ∂loss/∂logits = softmax − onehot (raising the target logit lowers the loss)",
     lambda logits, target: _wrong(logits, target, sign=-1.0)),
    ("you used log_softmax where softmax belongs: the gradient is p − onehot with p = softmax(logits)",
     lambda logits, target: _wrong(logits, target, log=True)),
    ("the one-hot is shifted by one class: put the 1 at column target[i] (classes are 0-based)",
     lambda logits, target: _wrong(logits, target, shift=-1)),
    ("the one-hot is shifted by one class: put the 1 at column target[i] (classes are 0-based)",
     lambda logits, target: _wrong(logits, target, shift=1)),
    ("you divided by N·C: the mean is over the N targets, not over every logit",
     lambda logits, target: _wrong(logits, target, scale="nc")),
    ("exp() overflowed: subtract each row's max before exponentiating (or use torch.softmax)",
     lambda logits, target: _wrong(logits, target, naive=True)),
]
