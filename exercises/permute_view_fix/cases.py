"""Hidden cases for permute_view_fix: the truth is x.flatten(2).transpose(1, 2)."""

import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "channels_last", "contiguous", "sliced", "transposed")


def random_params(rng: random.Random, index: int) -> dict:
    B, C, H, W = caselib.distinct_sizes(rng, 4, 1, 9)
    return {"B": B, "C": C, "H": H, "W": W, "layout": LAYOUTS[index % len(LAYOUTS)],
            "dtype": "float32" if index % 2 == 0 else "float64"}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    B, C, H, W = (int(params[k]) for k in "BCHW")
    x = caselib.randn([B, C, H, W], gen, dtype, device)
    layout = params.get("layout", "contiguous")
    if layout == "channels_last":
        # The same values stored as (B, H, W, C) in memory, as after .to(memory_format=...).
        x = x.contiguous(memory_format=torch.channels_last)
    elif layout == "transposed":
        # Stored as (B, C, W, H): H and W are no longer adjacent in memory in H-major order.
        x = caselib.layout(x, "transposed")
    elif layout != "contiguous":
        x = caselib.layout(x, layout)
    return {"args": [x], "kwargs": {}}


def reference_entry():
    return lambda x: x.flatten(2).transpose(1, 2)


def _no_permute(x):
    B, C, H, W = x.shape
    return x.reshape(B, H * W, C)


def _column_order(x):
    B, C, H, W = x.shape
    if H == 1 or W == 1:
        raise ValueError("row and column order agree on a single row or column")
    return x.permute(0, 3, 2, 1).reshape(B, H * W, C)


SUSPECTS = [
    ("x was reshaped to (B, H·W, C) without moving C last: view/reshape only re-cut the memory "
     "in its (C, H, W) order, so every token mixes channels and pixels; permute(0, 2, 3, 1) first",
     _no_permute),
    ("the pixels come out column by column (token w·H + h): permute(0, 3, 2, 1) puts W before H; "
     "use permute(0, 2, 3, 1) so that token h·W + w is pixel (h, w)",
     _column_order),
]
