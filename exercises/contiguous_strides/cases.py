"""Hidden cases for contiguous_strides: the truth is PyTorch's own allocation."""

import math
import random

import torch

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(0, 5)
    shape = caselib.distinct_sizes(rng, rank, 2, 9)
    if rank and rng.random() < 0.35:
        shape[rng.randrange(rank)] = 1
    if rank and rng.random() < 0.25:
        shape[rng.randrange(rank)] = 0
    return {"shape": shape, "as_size": rng.random() < 0.3}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = tuple(int(s) for s in params["shape"])
    if params.get("as_size"):
        shape = torch.Size(shape)
    return {"args": [shape], "kwargs": {}}


def call(entry, inputs: dict, ctx):
    out = ctx.call(entry, *inputs["args"], **inputs["kwargs"])
    if isinstance(out, (tuple, list)):
        return tuple(out)  # a list of the right ints is accepted too
    return out


def _torch_strides(shape):
    if math.prod(shape) > 2**20:
        # Do not allocate the large case: a meta tensor has the same strides and no memory.
        return tuple(torch.empty(tuple(shape), device="meta").stride())
    return tuple(torch.empty(tuple(shape)).stride())


def reference_entry():
    return _torch_strides


def _fortran(shape):
    out, acc = [], 1
    for s in shape:
        out.append(acc)
        acc *= max(s, 1)
    return tuple(out)


def _own_size(shape):
    return tuple(math.prod(max(s, 1) for s in shape[d:]) for d in range(len(shape)))


def _raw_sizes(shape):
    out, acc = [], 1
    for s in reversed(shape):
        out.append(acc)
        acc *= s
    return tuple(reversed(out))


def _needs_zero(fn):
    def wrapped(shape):
        if 0 not in tuple(shape):
            raise ValueError("only differs from the truth when a dim has size 0")
        return fn(shape)
    return wrapped


SUSPECTS = [
    ("these are column-major (Fortran order) strides: PyTorch is row-major, the LAST dim has "
     "stride 1 and the first dim the largest stride",
     _fortran),
    ("each stride includes its own dim's size: stride[d] is the product of the sizes AFTER d, "
     "shape[d+1:], not shape[d:]",
     _own_size),
    ("these are strides in bytes of a float32 tensor (×4): PyTorch's Tensor.stride() counts elements",
     lambda shape: tuple(4 * s for s in _torch_strides(shape))),
    ("a size-0 dim made the strides in front of it 0: PyTorch multiplies by max(size, 1), "
     "so torch.empty(2, 0, 3).stride() is (3, 3, 1)",
     _needs_zero(_raw_sizes)),
]
