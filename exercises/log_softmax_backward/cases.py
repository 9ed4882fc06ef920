"""Hidden cases for log_softmax_backward."""

import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    shape = caselib.distinct_sizes(rng, rank, 2, 9)
    return {
        "shape": shape,
        "dim": rng.randint(-rank, rank - 1),
        "layout": rng.choice(["contiguous", "contiguous", "transposed", "sliced", "mixed"]),
        "scale": rng.choice([1.0, 3.0, 10.0]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    dim = params.get("dim")
    ls_dim = -1 if dim is None else dim
    logits = caselib.randn(shape, gen, torch.float64, "cpu", scale=params.get("scale", 2.0))
    output = torch.log_softmax(logits, ls_dim).to(dtype=dtype, device=device)
    layout = params.get("layout", "contiguous")
    if layout == "expanded_grad":
        g = caselib.randn(shape[:-1] + [1], gen, dtype, device).expand(*shape)
    else:
        g = caselib.randn(shape, gen, dtype, device, shift=params.get("grad_shift", 0.0))
    if layout == "mixed":
        output, g = caselib.layout(output, "transposed"), caselib.layout(g, "sliced")
    elif layout in ("transposed", "sliced"):
        output, g = caselib.layout(output, layout), caselib.layout(g, layout)
    kwargs = {} if dim is None else {"dim": dim}
    return {"args": [g, output], "kwargs": kwargs}


def reference_entry():
    # PyTorch's own kernel: the one autograd runs in the backward of log_softmax.
    def log_softmax_backward(grad_output, output, dim=-1):
        return torch._log_softmax_backward_data(grad_output, output, dim, output.dtype)
    return log_softmax_backward


def _not_last(dim, ndim):
    if dim % ndim == ndim - 1:
        raise ValueError("same as the right answer when dim is the last dim")


def _last_dim(g, y, dim=-1):
    _not_last(dim, y.dim())
    return g - y.exp() * g.sum(-1, keepdim=True)


SUSPECTS = [
    ("output holds log-probabilities: the probabilities are exp(output); you multiplied by "
     "output itself",
     lambda g, y, dim=-1: g - y * g.sum(dim, keepdim=True)),
    ("that is the softmax backward formula y·(g − Σ g·y) applied to log-probabilities; for "
     "log_softmax it is g − exp(output)·Σ g",
     lambda g, y, dim=-1: y * (g - (g * y).sum(dim, keepdim=True))),
    ("that is softmax's backward p·(g − Σ g·p) with p = exp(output); log_softmax's is "
     "g − p·Σ g",
     lambda g, y, dim=-1: y.exp() * (g - (g * y.exp()).sum(dim, keepdim=True))),
    ("the correction uses Σ(g·p); for log_softmax it is Σ g, the plain sum of grad_output "
     "along dim",
     lambda g, y, dim=-1: g - y.exp() * (g * y.exp()).sum(dim, keepdim=True)),
    ("the sign of the correction is flipped: dL/dx = g − exp(output)·Σ g",
     lambda g, y, dim=-1: g + y.exp() * g.sum(dim, keepdim=True)),
    ("Σ g is taken over the last dim instead of `dim`", _last_dim),
    ("the correction term is missing: returning grad_output unchanged ignores that the "
     "normalizer log Σ exp(x) depends on every x",
     lambda g, y, dim=-1: g.clone()),
]
