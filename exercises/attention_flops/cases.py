"""Cases for `attention_flops`: FLOPs, memory traffic and arithmetic intensity of attention.

The expected "flops" are not taken from a formula: the reference runs the two matmuls of
attention (q @ kᵀ and P @ v) on meta tensors of the case's sizes (no memory, no compute)
under torch.utils.flop_counter.FlopCounterMode and reads off its count. The byte counts
follow the traffic model stated in the prompt.

params: B, H, L, S, E, Ev, bytes_per_el (absent = use the default of 2)
"""

import random

import torch
from torch.utils.flop_counter import FlopCounterMode

KEYS = ("flops", "bytes_naive", "bytes_flash", "intensity_naive", "intensity_flash")


def random_params(rng: random.Random, index: int) -> dict:
    sizes = rng.sample((1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256, 512,
                        1024, 2048, 4096), 6)
    B, H, L, S, E, Ev = sizes
    params = {"B": B, "H": H, "L": L, "S": S, "E": E, "Ev": Ev}
    if index % 3:
        params["bytes_per_el"] = rng.choice((1, 2, 4, 8))
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    args = [int(params[k]) for k in ("B", "H", "L", "S", "E", "Ev")]
    kwargs = {}
    if "bytes_per_el" in params:
        kwargs["bytes_per_el"] = int(params["bytes_per_el"])
    return {"args": args, "kwargs": kwargs}


def call(entry, inputs: dict, ctx):
    out = ctx.call(entry, *inputs["args"], **inputs["kwargs"])
    if not isinstance(out, dict):
        return out                      # compare() reports "expected a dict with keys ..."
    # Compare exactly the five keys; extra keys are the learner's business.
    return {k: out[k] for k in KEYS if k in out}


def _counted_flops(B, H, L, S, E, Ev):
    """FLOPs of q @ kᵀ and P @ v as PyTorch's FlopCounterMode counts them (meta tensors)."""
    q = torch.empty(B, H, L, E, device="meta")
    k = torch.empty(B, H, S, E, device="meta")
    v = torch.empty(B, H, S, Ev, device="meta")
    with FlopCounterMode(display=False) as counter:
        scores = q @ k.transpose(-2, -1)          # (B, H, L, S)
        scores @ v                                # (B, H, L, Ev); softmax is not counted
    return int(counter.get_total_flops())


def _cost(B, H, L, S, E, Ev, bytes_per_el=2, *, flops_fn=None, naive_ls=4, elements=False):
    flops = _counted_flops(B, H, L, S, E, Ev) if flops_fn is None else flops_fn(B, H, L, S, E, Ev)
    io = B * H * (L * E + S * E + S * Ev + L * Ev)        # read q, k, v; write out
    per = 1 if elements else bytes_per_el
    if elements and bytes_per_el == 1:
        raise ValueError("same as the right answer")
    naive = (io + naive_ls * B * H * L * S) * per
    flash = io * per
    return {"flops": flops, "bytes_naive": naive, "bytes_flash": flash,
            "intensity_naive": flops / naive, "intensity_flash": flops / flash}


def reference_entry():
    return _cost


def _suspect(**knobs):
    def f(B, H, L, S, E, Ev, bytes_per_el=2):
        return _cost(B, H, L, S, E, Ev, bytes_per_el, **knobs)
    return f


def _if_differs(fn, same):
    """A flops formula that raises where it equals the right one (it cannot take the blame)."""
    def g(B, H, L, S, E, Ev):
        if same(B, H, L, S, E, Ev):
            raise ValueError("same as the right answer")
        return fn(B, H, L, S, E, Ev)
    return g


SUSPECTS = [
    ("that counts multiply-accumulates: one MAC is 2 FLOPs (a multiply and an add), so "
     "q @ kᵀ is 2·B·H·L·S·E FLOPs",
     _suspect(flops_fn=lambda B, H, L, S, E, Ev: B * H * L * S * (E + Ev))),
    ("the score matrix is L × S (queries × keys), not L × L",
     _suspect(flops_fn=_if_differs(lambda B, H, L, S, E, Ev: 2 * B * H * L * L * (E + Ev),
                                   lambda B, H, L, S, E, Ev: L == S))),
    ("P @ v sums over the S keys for each of the Ev output features: 2·B·H·L·S·Ev, "
     "not 2·B·H·L·S·E",
     _suspect(flops_fn=_if_differs(lambda B, H, L, S, E, Ev: 4 * B * H * L * S * E,
                                   lambda B, H, L, S, E, Ev: E == Ev))),
    ("the byte counts are in elements: multiply by bytes_per_el",
     _suspect(elements=True)),
    ("the naive traffic counts each L × S matrix once; the scores are written and read back "
     "by the softmax, the probabilities written and read back by P @ v: 4·B·H·L·S elements",
     _suspect(naive_ls=2)),
]
