"""Cases for `attention`: scaled dot-product attention with masks, causal flag and batch dims.

params (all optional except the sizes):
  batch:      leading dims, e.g. [] or [2] or [2, 3]
  L, S, E, Ev: queries, keys, q/k width, v width
  mask:       none | bool | float | causal
  mask_shape: shape of attn_mask (must broadcast to batch + [L, S]); default batch + [L, S]
  layout:     layout of q and k (caselib.LAYOUTS); default contiguous
  k_layout, v_layout: override the layout of k / v
  peaky:      integer-valued q, k with logits in the hundreds (row 0 has a logit of 256)
  dtype:      float32 | float64
"""

import math
import random

import torch
import torch.nn.functional as F

from dlquiz import caselib

MASK_KINDS = ("none", "bool", "float", "causal")


# ---------------------------------------------------------------------------- random cases

def random_params(rng: random.Random, index: int) -> dict:
    nb = rng.choice((0, 1, 2))
    sizes = caselib.distinct_sizes(rng, 4 + nb, lo=2, hi=9)
    L, S, E, Ev = sizes[:4]
    batch = sizes[4:]
    mask = MASK_KINDS[index % len(MASK_KINDS)] if index < len(MASK_KINDS) else rng.choice(MASK_KINDS)
    params = {
        "batch": batch, "L": L, "S": S, "E": E, "Ev": Ev, "mask": mask,
        "layout": rng.choice(caselib.LAYOUTS),
        "k_layout": rng.choice(caselib.LAYOUTS),
        "v_layout": rng.choice(caselib.LAYOUTS),
        # No "dtype": the engine cycles through the spec's dtypes, float32 / float64 on
        # even / odd indices on a CPU run as before, and float16 / bfloat16 on every
        # 4k + 2 / 4k + 3 index on CUDA (and in dev check).
    }
    if mask in ("bool", "float"):
        # A random broadcast pattern: some leading dims (or all of them) left out or set to 1.
        full = batch + [L, S]
        style = rng.choice(("full", "2d", "ones"))
        if style == "2d" or not batch:
            params["mask_shape"] = [L, S] if style == "2d" else full
        elif style == "ones":
            params["mask_shape"] = [1 if rng.random() < 0.5 else b for b in batch] + [L, S]
        else:
            params["mask_shape"] = full
    return params


# ---------------------------------------------------------------------------- building

def _bool_mask(shape, gen, device):
    """Random keep-pattern where every row has at least one True and at least one False,
    so neither the mask nor its inverse leaves a query with no key to attend to."""
    S = shape[-1]
    mask = torch.rand(tuple(shape), generator=gen, dtype=torch.float64) < 0.5
    # Force one random key per row to True and another to False.
    order = torch.rand(tuple(shape), generator=gen, dtype=torch.float64).argsort(dim=-1)
    on, off = order[..., :1], order[..., 1:2]
    mask.scatter_(-1, on, True)
    if S > 1:
        mask.scatter_(-1, off, False)
    return mask.to(device)


def _float_mask(shape, gen, dtype, device):
    """Finite biases in [-2, 2] with about a third -inf; every row keeps one finite entry."""
    bias = torch.rand(tuple(shape), generator=gen, dtype=torch.float64) * 4 - 2
    drop = torch.rand(tuple(shape), generator=gen, dtype=torch.float64) < 0.35
    keep_one = torch.rand(tuple(shape), generator=gen, dtype=torch.float64).argmax(dim=-1, keepdim=True)
    drop.scatter_(-1, keep_one, False)
    bias = bias.masked_fill(drop, float("-inf"))
    return bias.to(dtype=dtype, device=device)


def _peaky(shape, gen, dtype, device):
    """Integers (exact in float32, so q @ k.T is exact): entries about ±10 → logits ~±100s."""
    x = torch.round(torch.randn(tuple(shape), generator=gen, dtype=torch.float64) * 10)
    return x.to(dtype=dtype, device=device)


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    batch = list(params.get("batch", []))
    L, S, E, Ev = params["L"], params["S"], params["E"], params["Ev"]
    lay = params.get("layout", "contiguous")
    k_lay = params.get("k_layout", lay)
    v_lay = params.get("v_layout", lay)

    if params.get("peaky"):
        q = _peaky(batch + [L, E], gen, dtype, device)
        k = _peaky(batch + [S, E], gen, dtype, device)
        # Query 0 and key 0 all 8s: their logit is 64·E/sqrt(E) = 256 for E = 16, and
        # exp(256) = inf in float32 (it overflows past ~88.7), so an exp() without the
        # max subtracted gives inf/inf = NaN in that row.
        q[..., 0, :] = 8
        k[..., 0, :] = 8
    else:
        q = caselib.randn(batch + [L, E], gen, dtype, device)
        k = caselib.randn(batch + [S, E], gen, dtype, device)
    v = caselib.randn(batch + [S, Ev], gen, dtype, device)

    q = caselib.layout(q, lay, gen)
    k = caselib.layout(k, k_lay, gen)
    v = caselib.layout(v, v_lay, gen)

    kwargs = {}
    kind = params.get("mask", "none")
    shape = list(params.get("mask_shape", batch + [L, S]))
    if kind == "bool":
        kwargs["attn_mask"] = _bool_mask(shape, gen, device)
    elif kind == "float":
        kwargs["attn_mask"] = _float_mask(shape, gen, dtype, device)
    elif kind == "causal":
        kwargs["is_causal"] = True
    elif kind != "none":
        raise ValueError(f"unknown mask kind {kind!r}")
    return {"args": [q, k, v], "kwargs": kwargs}


def reference_entry():
    def sdpa(q, k, v, attn_mask=None, is_causal=False):
        return F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, dropout_p=0.0,
                                              is_causal=is_causal)
    return sdpa


# ---------------------------------------------------------------------------- suspects
# The engine runs each suspect on the case's inputs upcast to float64 and compares it with a
# failing learner's output at 10x the tolerance. A suspect that would give the right answer
# on a case (e.g. a causal-mask mistake on a case without is_causal) raises instead, so that
# it cannot take the blame for an unrelated small error there.

F32_EXP_MAX = math.log(torch.finfo(torch.float32).max)     # ~88.72: exp() overflows above


class NotThisCase(Exception):
    """This suspect's mistake makes no difference on this case."""


def _attention(q, k, v, attn_mask=None, is_causal=False, *, scale=None, softmax_dim=-1,
               invert_bool=False, ignore_float=False, causal_diagonal=0,
               bottom_right=False, naive_exp=False):
    """Attention with one knob turned: each suspect below is the right answer but for one."""
    L, E, S, Ev = q.shape[-2], q.shape[-1], k.shape[-2], v.shape[-1]
    if scale is None:
        scale = 1 / math.sqrt(E)
    else:
        scale = scale(E, Ev)
        if math.isclose(scale, 1 / math.sqrt(E)):
            raise NotThisCase
    scores = (q @ k.transpose(-2, -1)) * scale
    bool_mask = attn_mask is not None and attn_mask.dtype == torch.bool
    if (invert_bool and not bool_mask) or (ignore_float and (attn_mask is None or bool_mask)):
        raise NotThisCase
    if (causal_diagonal or bottom_right) and not is_causal:
        raise NotThisCase
    if bottom_right and L == S:
        raise NotThisCase
    if is_causal:
        offset = S - L if bottom_right else 0
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril(offset + causal_diagonal)
        scores = scores.masked_fill(~keep, float("-inf"))
    elif attn_mask is not None:
        if bool_mask:
            keep = ~attn_mask if invert_bool else attn_mask
            scores = scores.masked_fill(~keep, float("-inf"))
        elif not ignore_float:
            scores = scores + attn_mask
    if naive_exp:
        # Suspects see float64 inputs, where exp() only overflows past ~709; a learner's
        # exp() in a float32 case overflows past ~88.7, so redo it in float32.
        w = torch.exp(scores.to(torch.float32))
        if not (torch.isinf(w).any() or (w.sum(dim=-1) == 0).any()):
            raise NotThisCase
        w = w.to(scores.dtype)
    else:
        w = torch.exp(scores - scores.amax(dim=softmax_dim, keepdim=True))
    w = w / w.sum(dim=softmax_dim, keepdim=True)
    return w @ v


def _suspect(**knobs):
    return lambda q, k, v, attn_mask=None, is_causal=False: _attention(
        q, k, v, attn_mask, is_causal, **knobs)


SUSPECTS = [
    ("you scaled the logits by 1/E; the scale is 1/sqrt(E), E = q.shape[-1]",
     _suspect(scale=lambda E, Ev: 1 / E)),
    ("the logits are not scaled: divide q @ k.T by sqrt(E), E = q.shape[-1]",
     _suspect(scale=lambda E, Ev: 1.0)),
    ("you scaled by 1/sqrt(Ev) (v's width); the scale is 1/sqrt(E), E = q.shape[-1]",
     _suspect(scale=lambda E, Ev: 1 / math.sqrt(Ev))),
    ("the softmax runs over the queries (dim -2); each query's weights over the keys "
     "(dim -1) must sum to 1",
     _suspect(softmax_dim=-2)),
    ("your boolean mask is inverted: True means the key takes part in attention, "
     "False means it is masked out",
     _suspect(invert_bool=True)),
    ("a float attn_mask is ignored: it is a bias added to the scores before the softmax "
     "(-inf drops a key)",
     _suspect(ignore_float=True)),
    ("the causal mask is off by one: query i attends keys j <= i, its own position included "
     "(torch.ones(L, S).tril(), not tril(-1) or masking triu(0))",
     _suspect(causal_diagonal=-1)),
    ("the causal mask is bottom-right aligned; here it is top-left: query i attends keys "
     "j <= i, as torch.ones(L, S).tril(), also when L != S",
     _suspect(bottom_right=True)),
    ("exp() overflowed: subtract each row's max before exponentiating",
     _suspect(naive_exp=True)),
]


# ---------------------------------------------------------------------------- bench

def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """q, k, v of one `bench:` size, (B, H, L, E) / (B, H, S, E) / (B, H, S, Ev), no mask."""
    B, H, L, S, E, Ev = (int(size[k]) for k in ("B", "H", "L", "S", "E", "Ev"))
    q = caselib.randn([B, H, L, E], gen, dtype, device)
    k = caselib.randn([B, H, S, E], gen, dtype, device)
    v = caselib.randn([B, H, S, Ev], gen, dtype, device)
    return {"args": [q, k, v], "kwargs": {}}
