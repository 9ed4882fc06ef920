"""Cases for `online_softmax`: softmax over the last dim of (N, D) from streamed column
blocks (running max and running sum), then a normalization pass.

Truth: torch.softmax(x, dim=-1) in float64. On top of the values, call() watches the
learner's reductions with a TorchFunctionMode: a max / sum / logsumexp ... that reduces
more than `block` values along a dim means the statistics were not streamed block by block.
(Elementwise work on the whole row, such as the final exp(x - m) / l, is fine.)

params: N, D, block, scale (logit spread), huge (|logits| in [1e3, 1e4], both signs),
        rising (each block's values larger than the last: the row max changes in every
        block; rise = the step per block, default 4), center (every row's max moved to 0),
        layout, dtype
"""

import math
import random

import torch
from torch.overrides import TorchFunctionMode

from dlquiz import caselib

# Reductions that a streaming pass may only apply to one block at a time.
# Forbidden ops, refused also when reached through torch's own code (see _ReductionSpy).
REFUSED = {"softmax", "log_softmax", "_softmax", "logsumexp", "scaled_dot_product_attention",
           "multi_head_attention_forward", "_scaled_dot_product_attention_math",
           "_scaled_dot_product_flash_attention_for_cpu"}
REDUCTIONS = {"max", "amax", "sum", "logsumexp", "mean", "nansum", "argmax", "aminmax",
              "nanmean", "std", "var", "norm"}
OK = "each reduction covers at most `block` values"


def random_params(rng: random.Random, index: int) -> dict:
    N, D = caselib.distinct_sizes(rng, 2, lo=2, hi=40)
    block = rng.choice((1, 2, 3, 4, 5, 7, 8, 16, 64))
    if index >= 20:
        return _half_ready_params(rng, index, N, D, block)
    return {
        "N": N, "D": D, "block": block,
        "scale": rng.choice((1.0, 3.0, 10.0, 30.0)),
        "huge": index % 5 == 4,
        "rising": index % 5 == 2,
        "layout": rng.choice(("contiguous", "transposed", "sliced")),
        # Huge random cases are float64: float32 values near 1e4 are 1e-3 apart, so a
        # correct log-domain answer exp(x - (m + log l)) is off by ~3e-4 there (the fixed
        # float32 huge case carries its own tolerance for that).
        "dtype": "float64" if index % 5 == 4 or index % 2 else "float32",
    }


def _half_ready_params(rng: random.Random, index: int, N: int, D: int, block: int) -> dict:
    """Cases 20-35 leave the dtype to the spec's cycle (dtypes[index % 4]): on CUDA runs, and
    in dev check, cases 22, 23, 26, 27 ... are float16 / bfloat16. Their logits stay small:
    no huge values, a total rise of at most 8 over the row, and every row's max at 0 (softmax
    is shift-invariant). A correct log-domain answer exp(x - z) rounds z = m + log l to the
    precision of |z|, so logits of size 30 would be off by ~1.5% in float16, ~12% in bfloat16."""
    n_blocks = -(-D // block)
    params = {
        "N": N, "D": D, "block": block,
        "scale": rng.choice((1.0, 2.0, 3.0)),
        "rising": index % 5 == 2,
        "layout": rng.choice(("contiguous", "transposed", "sliced")),
        "center": True,
    }
    if params["rising"]:
        params["rise"] = round(min(4.0, 8.0 / max(1, n_blocks - 1)), 3)
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    N, D, block = int(params["N"]), int(params["D"]), int(params["block"])
    f64 = torch.float64
    if params.get("huge"):
        # |x| in [1e3, 1e4]: exp() of such a value is 0 or inf in float32 and in float64
        # alike, so any exp() taken without the right max subtracted shows as NaN / inf.
        sign = torch.where(torch.rand(N, D, generator=gen, dtype=f64) < 0.5, -1.0, 1.0)
        x = sign * (1e3 + 9e3 * torch.rand(N, D, generator=gen, dtype=f64))
        x = torch.round(x)          # integers: exact in float32, so no rounding ties
    else:
        x = caselib.randn([N, D], gen, f64, "cpu", scale=float(params.get("scale", 3.0)))
    if params.get("rising"):
        # Shift block j up by 4·j: the running max changes at every block, so a running
        # sum that is not rescaled by exp(m_old - m_new) is visibly wrong.
        j = torch.arange(D, dtype=f64) // block
        x = x + float(params.get("rise", 4.0)) * j
    if params.get("center"):
        x = x - x.amax(-1, keepdim=True)       # row max 0: the same softmax, small logits
    x = x.to(dtype=dtype, device=device)
    x = caselib.layout(x, params.get("layout", "contiguous"), gen)
    return {"args": [x, block], "kwargs": {}}


class _ReductionSpy(TorchFunctionMode):
    """Notes the first reduction that covers more than `block` values along its dims
    (tiled_attention uses it too, with its own argument name and advice)."""

    def __init__(self, block: int, label: str = "block",
                 advice: str = "the statistics must be streamed one block of columns at a time",
                 reductions: frozenset = frozenset(REDUCTIONS)):
        super().__init__()
        self.block, self.label, self.advice, self.reductions = block, label, advice, reductions
        self.first = None

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        name = getattr(func, "__name__", "")
        if name in REFUSED:
            # Reached from inside torch (nn.Softmax calls F.softmax from torch's own code),
            # such a call can slip past the forbid list; it is refused here as well.
            from dlquiz.guards import LearnerFault

            raise LearnerFault("forbidden", f"calls {name} (here through a module or a helper "
                                            f"that uses it), which this exercise forbids")
        if self.first is None and name in self.reductions and args and isinstance(args[0], torch.Tensor) \
                and args[0].is_floating_point() and args[0].dim() > 0:
            t = args[0]
            dim = kwargs.get("dim", args[1] if len(args) > 1 else None)
            if not isinstance(dim, torch.Tensor):           # torch.max(a, b) is elementwise
                if dim is None:
                    width = t.shape[-1]
                else:
                    dims = (dim,) if isinstance(dim, int) else tuple(dim)
                    width = math.prod(t.shape[d] for d in dims)
                if width > self.block:
                    self.first = (f"{name}() reduces {width} values at once "
                                  f"({self.label} = {self.block}); {self.advice}")
        return func(*args, **kwargs)


def call(entry, inputs: dict, ctx):
    x, block = inputs["args"]
    if ctx.is_reference:
        return {"output": ctx.call(entry, x, block), "streaming": OK}
    spy = _ReductionSpy(block)
    with spy:
        out = ctx.call(entry, x, block)
    return {"output": out, "streaming": spy.first or OK}


def reference_entry():
    return lambda x, block: torch.softmax(x, dim=-1)


# ---------------------------------------------------------------------------- suspects

class NotThisCase(Exception):
    """This suspect's mistake makes no difference on this case."""


def _blocks(D, block):
    return [(s, min(s + block, D)) for s in range(0, D, block)]


def _stream(x, block, *, rescale=True, first_max_only=False, subtract_max=True, drop_tail=False,
            per_block=False):
    N, D = x.shape
    blocks = _blocks(D, block)
    if drop_tail:
        if D % block == 0 or D < block:
            raise NotThisCase
        blocks = blocks[:-1]
    if per_block and len(blocks) == 1:
        raise NotThisCase
    m = torch.full((N, 1), float("-inf"), dtype=x.dtype)
    l = torch.zeros(N, 1, dtype=x.dtype)
    for j, (s, e) in enumerate(blocks):
        xb = x[:, s:e]
        if not subtract_max:
            l = l + xb.exp().sum(-1, keepdim=True)
            continue
        if first_max_only and j > 0:
            m_new = m
        else:
            m_new = torch.maximum(m, xb.amax(-1, keepdim=True))
        if rescale:
            l = l * torch.exp(m - m_new) if j > 0 else l
        l = l + torch.exp(xb - m_new).sum(-1, keepdim=True)
        m = m_new
    out = torch.zeros_like(x)
    for s, e in blocks:
        xb = x[:, s:e]
        if per_block:
            w = torch.exp(xb - xb.amax(-1, keepdim=True))
            out[:, s:e] = w / w.sum(-1, keepdim=True)
        elif subtract_max:
            out[:, s:e] = torch.exp(xb - m) / l
        else:
            out[:, s:e] = xb.exp() / l
    return out


def _suspect(check=None, **knobs):
    def f(x, block):
        out = _stream(x, block, **knobs)
        if check is not None:
            check(out, x, block)
        return out
    return f


def _overflow_only(out, x, block):
    """A mistake that only shows through overflow: equal to the right answer otherwise."""
    if bool(torch.isfinite(out).all()):
        raise NotThisCase


def _rescale_matters(out, x, block):
    if len(_blocks(x.shape[1], block)) == 1:
        raise NotThisCase


SUSPECTS = [
    ("the running sum is not rescaled when the max grows: before adding a block, multiply "
     "l by exp(m_old − m_new) so every term is relative to the same (new) max",
     _suspect(check=_rescale_matters, rescale=False)),
    ("the max is taken from the first block only; a later, larger logit then overflows "
     "exp(): update the running max with every block",
     _suspect(check=_overflow_only, first_max_only=True)),
    ("exp() overflowed: subtract the running max before exponentiating",
     _suspect(check=_overflow_only, subtract_max=False)),
    ("the last, partial block is skipped: when block does not divide D the final block is "
     "shorter (columns up to D, e.g. range(0, D, block) with min(s + block, D))",
     _suspect(drop_tail=True)),
    ("each block was normalized on its own; every block must be divided by the statistics "
     "of the WHOLE row (the final max and sum after all blocks)",
     _suspect(per_block=True)),
]
