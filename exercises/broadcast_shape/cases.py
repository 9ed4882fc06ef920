"""Hidden cases for broadcast_shape: the truth is torch.broadcast_shapes.

Besides the spellings named in the prompt, the spec forbids the helpers behind them
(torch.functional.broadcast_shapes, torch._refs._broadcast_shapes) and NumPy's broadcasting
helpers and array factories; the engine refuses those calls from the learner's file.
"""

import random

import torch

from dlquiz import caselib

_broadcast_shapes = torch.functional.broadcast_shapes  # the original, for the truth


def _compatible(shapes) -> bool:
    try:
        _call_unguarded(shapes)
        return True
    except ValueError:
        return False


def _call_unguarded(shapes):
    try:
        return tuple(_broadcast_shapes(*shapes))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from None


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(0, 4)
    target = caselib.distinct_sizes(rng, rank, 2, 9)
    if rank and rng.random() < 0.2:
        target[rng.randrange(rank)] = 0
    shapes = []
    for _ in range(rng.randint(1, 4)):
        keep = rng.randint(0, rank)                     # a suffix of the target's dims
        s = target[rank - keep:]
        s = [1 if rng.random() < 0.35 else d for d in s]
        shapes.append(s)
    if rank and index % 4 == 3:
        # Make it impossible: one shape gets a size that is neither 1 nor the target's.
        i = rng.randrange(len(shapes))
        if shapes[i]:
            d = rng.randrange(len(shapes[i]))
            t = target[rank - len(shapes[i]) + d]
            shapes[i][d] = rng.choice([v for v in range(2, 11) if v != t])
    return {"shapes": shapes, "as_size": rng.random() < 0.25}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shapes = [tuple(int(v) for v in s) for s in params["shapes"]]
    if params.get("as_size"):
        shapes = [torch.Size(s) for s in shapes]
    return {"args": shapes, "kwargs": {}, "compatible": _compatible(shapes)}


def call(entry, inputs: dict, ctx):
    if inputs["compatible"]:
        out = ctx.call(entry, *inputs["args"])
    else:
        try:
            out = ctx.call(entry, *inputs["args"])
        except ValueError:
            return "ValueError"
    if isinstance(out, (tuple, list)):
        return tuple(out)  # a torch.Size or a list of the right ints is accepted too
    return out


def _reference(*shapes):
    return _call_unguarded(shapes)


def reference_entry():
    return _reference


# ------------------------------------------------------------------ known mistakes

def _left_aligned(*shapes):
    n = max((len(s) for s in shapes), default=0)
    padded = [tuple(s) + (1,) * (n - len(s)) for s in shapes]
    if all(len(s) == n for s in shapes):
        raise ValueError("same ranks: left and right alignment agree")
    return _call_unguarded(padded)


def _max_of_sizes(*shapes):
    """Conflicts checked only between sizes other than 1, then max() of the sizes: right
    everywhere except that a 0 meeting a 1 (or the initial empty shape) turns into 1."""
    if not any(0 in tuple(s) for s in shapes):
        raise ValueError("no size-0 dim: max() is right here")
    out = ()
    for s in shapes:
        n = max(len(out), len(s))
        a = (1,) * (n - len(out)) + tuple(out)
        b = (1,) * (n - len(s)) + tuple(s)
        merged = []
        for x, y in zip(a, b):
            if x != y and x != 1 and y != 1:
                raise ValueError("conflict")
            merged.append(max(x, y))
        out = tuple(merged)
    return out


SUSPECTS = [
    ("the shapes were aligned on the left: broadcasting lines shapes up from the LAST dim and "
     "pads the shorter ones with 1s in front, so (5, 1, 4) with (5, 1) gives (5, 5, 4)",
     _left_aligned),
    ("taking the max of the sizes gets size 0 wrong: 0 and 1 broadcast to 0 (a size-1 dim "
     "stretches to any size, including 0)",
     _max_of_sizes),
]
