"""Hidden cases for dropout_scaling_fix.

The mask is an input, so inverted dropout is deterministic here. The truth is written
below as one torch.where (reference_entry), independently of solutions/dropout_scaling_fix.py.
"""

import random

import torch

from dlquiz import caselib

PS = (0.1, 0.2, 0.25, 0.3, 0.4, 0.6, 0.7, 0.8)   # 0.5 left out: there p and 1 − p coincide


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 3)
    return {"shape": caselib.distinct_sizes(rng, rank, 2, 9), "p": rng.choice(PS),
            "training": index % 3 != 2,
            "layout": rng.choice(["contiguous", "contiguous", "transposed", "sliced"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    p = float(params["p"])
    x = caselib.randn(shape, gen, dtype, device)
    keep = torch.rand(tuple(shape), generator=gen, dtype=torch.float64) >= p
    if keep.numel() > 1:
        keep.view(-1)[0], keep.view(-1)[1] = True, False     # at least one kept, one dropped
    keep = keep.to(device)
    layout = params.get("layout", "contiguous")
    x, keep = caselib.layout(x, layout), caselib.layout(keep, layout)
    return {"args": [x, p, bool(params["training"]), keep], "kwargs": {}}


def _inverted_dropout(x, p, training, mask):
    if not training:
        return x.clone()
    return torch.where(mask, x / (1.0 - p), torch.zeros_like(x))


def reference_entry():
    return _inverted_dropout


def _train_only(fn):
    def wrapped(x, p, training, mask):
        if not training:
            raise ValueError("a training-mode mistake")
        return fn(x, p, mask)
    return wrapped


def _eval_only(fn):
    def wrapped(x, p, training, mask):
        if training:
            raise ValueError("an eval-mode mistake")
        return fn(x, p)
    return wrapped


SUSPECTS = [
    ("training mode is not rescaled: x · mask alone shrinks the expected activation to "
     "(1 − p)·x; inverted dropout divides the kept elements by 1 − p",
     _train_only(lambda x, p, m: x * m)),
    ("eval mode still multiplies by (1 − p): that is the old, non-inverted dropout; with the "
     "1/(1 − p) already applied in training, eval must return x unchanged",
     _eval_only(lambda x, p: x * (1 - p))),
    ("the kept elements were divided by p; the keep probability is 1 − p (p is the drop rate)",
     _train_only(lambda x, p, m: x * m / p)),
    ("the kept elements were multiplied by (1 − p) instead of divided by it",
     _train_only(lambda x, p, m: x * m * (1 - p))),
    ("the mask was used the wrong way round: mask is True where an element is KEPT",
     _train_only(lambda x, p, m: x * ~m / (1 - p))),
    ("eval mode divides by (1 − p) as well; the rescaling belongs to training only",
     _eval_only(lambda x, p: x / (1 - p))),
]
