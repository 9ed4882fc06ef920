"""Hidden cases for softmax_grad."""

import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    shape = caselib.distinct_sizes(rng, rank, 2, 9)
    dim = rng.randint(-rank, rank - 1)
    layout = rng.choice(["contiguous", "contiguous", "transposed", "sliced", "mixed"])
    return {"shape": shape, "dim": dim, "layout": layout, "scale": rng.choice([1.0, 3.0, 10.0])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = params["shape"]
    dim = params.get("dim")
    sm_dim = -1 if dim is None else dim
    logits = caselib.randn(shape, gen, torch.float64, "cpu", scale=params.get("scale", 2.0))
    output = torch.softmax(logits, sm_dim).to(dtype=dtype, device=device)
    layout = params.get("layout", "contiguous")
    if layout == "expanded_grad":
        row = caselib.randn(shape[:-1] + [1], gen, dtype, device)
        grad = row.expand(*shape)
    else:
        grad = caselib.randn(shape, gen, dtype, device)
    if layout == "mixed":
        output, grad = caselib.layout(output, "transposed"), caselib.layout(grad, "sliced")
    elif layout in ("transposed", "sliced"):
        output, grad = caselib.layout(output, layout), caselib.layout(grad, layout)
    kwargs = {} if dim is None else {"dim": dim}
    return {"args": [grad, output], "kwargs": kwargs}


def _dims(dim):
    return -1 if dim is None else dim


SUSPECTS = [
    ("only the diagonal of the Jacobian is applied: the −y·Σ(g·y) term is missing",
     lambda g, y, dim=-1: g * y),
    ("the correction uses Σg instead of Σ(g·y)",
     lambda g, y, dim=-1: y * (g - g.sum(dim, keepdim=True))),
    ("the sign of the correction term is flipped: it is y·(g − Σ(g·y))",
     lambda g, y, dim=-1: y * (g + (g * y).sum(dim, keepdim=True))),
    ("Σ(g·y) is taken over the last dim instead of `dim`",
     lambda g, y, dim=-1: y * (g - (g * y).sum(-1, keepdim=True))),
    ("Σ(g·y) is taken over every element instead of along `dim`",
     lambda g, y, dim=-1: y * (g - (g * y).sum())),
    ("that is the sigmoid derivative g·y(1−y), which ignores how the other classes move",
     lambda g, y, dim=-1: g * y * (1 - y)),
]


# ---------------------------------------------------------------------------- bench

def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """grad_output and the softmax output of (N, C) logits, softmax over the last dim."""
    shape = [int(size["N"]), int(size["C"])]
    output = torch.softmax(caselib.randn(shape, gen, torch.float32, "cpu", scale=2.0), -1)
    grad = caselib.randn(shape, gen, dtype, device)
    return {"args": [grad, output.to(dtype=dtype, device=device)], "kwargs": {"dim": -1}}


def bench_builtin(grad_output, output, dim=-1):
    """PyTorch's own softmax backward kernel, the one autograd calls."""
    return torch._softmax_backward_data(grad_output, output, dim, grad_output.dtype)
