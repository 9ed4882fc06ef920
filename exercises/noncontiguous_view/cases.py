"""Hidden cases for noncontiguous_view."""

import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    B, H, T, D = caselib.distinct_sizes(rng, 4, 1, 9)
    layout = rng.choice(["contiguous", "from_transpose", "sliced", "from_transpose"])
    return {"B": B, "H": H, "T": T, "D": D, "layout": layout}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    B, H, T, D = (params[k] for k in "BHTD")
    layout = params.get("layout", "contiguous")
    if layout == "from_transpose":
        # As produced by attention: (B, T, H, D) projections viewed as (B, H, T, D).
        x = caselib.randn([B, T, H, D], gen, dtype, device).transpose(1, 2)
    else:
        x = caselib.randn([B, H, T, D], gen, dtype, device)
        if layout == "sliced":
            x = caselib.layout(x, "sliced")
    return {"args": [x], "kwargs": {}}


SUSPECTS = [
    ("the heads were merged without moving H next to D first: out[b, t] mixes positions of one head",
     lambda x: x.contiguous().view(x.shape[0], x.shape[2], x.shape[1] * x.shape[3])),
    ("the feature dim came first: that is (d, h) order, out[b, t, d*H + h]; the heads must stay in blocks of D",
     lambda x: x.permute(0, 2, 3, 1).reshape(x.shape[0], x.shape[2], -1)),
]
