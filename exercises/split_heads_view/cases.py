"""Hidden cases for split_heads_view: the truth is x.view(B, T, H, D).transpose(1, 2)."""

import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    B, T, H, D = caselib.distinct_sizes(rng, 4, 1, 9)
    return {"B": B, "T": T, "H": H, "D": D, "dtype": "float32" if index % 2 == 0 else "float64"}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    B, T, H, D = (int(params[k]) for k in "BTHD")
    x = caselib.randn([B, T, H * D], gen, dtype, device)  # contiguous, as the prompt says
    return {"args": [x, H], "kwargs": {}}


def call(entry, inputs: dict, ctx):
    x, num_heads = inputs["args"]
    out = ctx.call(entry, x, num_heads)
    if not isinstance(out, torch.Tensor):
        return {"heads": out}
    same = out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    view = "shares x's storage" if same else "new storage: the result is a copy, not a view of x"
    return {"heads": out, "view": view}


def reference_entry():
    def split(x, num_heads):
        B, T, C = x.shape
        return x.view(B, T, num_heads, C // num_heads).transpose(1, 2)
    return split


def _no_transpose(x, num_heads):
    B, T, C = x.shape
    return x.reshape(B, num_heads, T, C // num_heads)


def _dh_order(x, num_heads):
    B, T, C = x.shape
    return x.reshape(B, T, C // num_heads, num_heads).permute(0, 3, 1, 2)


SUSPECTS = [
    ("x was reshaped straight to (B, H, T, D): that cuts the flat memory in the wrong order and "
     "mixes positions and heads; split the last dim first, view(B, T, H, D), then transpose(1, 2)",
     _no_transpose),
    ("the last dim was split as (D, H): head h owns the contiguous block x[..., h*D:(h+1)*D], so "
     "split it as view(B, T, H, D), not (B, T, D, H)",
     _dh_order),
]
