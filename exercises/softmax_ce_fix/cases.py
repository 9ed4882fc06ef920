"""Hidden cases for softmax_ce_fix: the loss and its gradient w.r.t. the logits.

params: shape ([N, C] or [N, C, L]), scale (logit scale), layout, dtype.
call() makes the logits a fresh leaf, runs the learner's loss, and differentiates it, so
both the value and the gradient that training would see are compared.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((2, 2, 2, 3))
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "scale": rng.choice((1.0, 2.0, 4.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    logits = caselib.randn(shape, gen, dtype, device, scale=float(params.get("scale", 2.0)))
    logits = caselib.layout(logits, params.get("layout", "contiguous"), gen)
    target = torch.randint(0, shape[1], tuple([shape[0]] + shape[2:]), generator=gen).to(device)
    return {"args": [logits, target], "kwargs": {}}


def call(entry, inputs: dict, ctx):
    logits, target = inputs["args"]
    # A fresh leaf with the same strides as the case's logits.
    x = logits.detach().to(dtype=ctx.dtype).requires_grad_(True)
    loss = ctx.call(entry, x, target)
    if not isinstance(loss, torch.Tensor):
        return {"loss": loss}
    g = None
    if loss.requires_grad and loss.numel() == 1:
        (g,) = torch.autograd.grad(loss, x, allow_unused=True)
    # The flag comes first, so a detached loss is named as such before any number.
    return {"loss_is_connected_to_logits": g is not None, "loss": loss.detach(),
            "grad_logits": g if g is not None else torch.zeros_like(x)}


def reference_entry():
    def loss_from_model(model_output_logits, target):
        return F.cross_entropy(model_output_logits, target)
    return loss_from_model


class NotThisCase(Exception):
    pass


def _naive_log_softmax(x, target):
    # In a float32 case the learner's softmax and log run in float32; redo them there.
    p = torch.softmax(x.to(torch.float32), dim=1)
    if bool((p > 0).all()):
        raise NotThisCase
    return F.nll_loss(torch.log(p).to(x.dtype), target)


def _softmax_dim(x, target, dim):
    if x.dim() == 2 and dim in (-1, 1):
        raise NotThisCase
    return F.nll_loss(torch.log_softmax(x, dim=dim), target)


SUSPECTS = [
    ("the loss was computed on softmax probabilities, but F.cross_entropy applies log_softmax "
     "itself: pass the raw logits (softmax first squashes them to [0, 1] and the gradients "
     "nearly vanish)",
     lambda x, target: F.cross_entropy(torch.softmax(x, dim=1), target)),
    ("F.nll_loss expects log-probabilities; you gave it probabilities (that computes −p_y, not "
     "−log p_y)",
     lambda x, target: F.nll_loss(torch.softmax(x, dim=1), target)),
    ("log(softmax(x)) underflows: softmax rounds tiny probabilities to 0 and log(0) = −inf; "
     "use log_softmax or pass the logits to F.cross_entropy",
     _naive_log_softmax),
    ("the softmax runs over dim 0 (the batch); the classes are dim 1",
     lambda x, target: _softmax_dim(x, target, 0)),
    ("the softmax runs over the last dim; for (N, C, L) output the classes are dim 1",
     lambda x, target: _softmax_dim(x, target, -1)),
    ("reduction='sum' scales the loss and every gradient by N: the training code expects the "
     "default mean",
     lambda x, target: F.cross_entropy(x, target, reduction="sum")),
]
