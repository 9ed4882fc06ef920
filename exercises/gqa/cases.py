"""Cases for `gqa`: grouped-query attention, q (B, Hq, L, E), k / v (B, Hkv, S, E|Ev).

Truth: F.scaled_dot_product_attention(q, k, v, is_causal=..., enable_gqa=True) in float64,
where query head h reads key/value head h // (Hq // Hkv) (repeat_interleave order).

params: B, L, S, E, Ev, Hkv, G (query heads per kv head, Hq = G·Hkv), causal,
        layout / k_layout / v_layout (caselib.LAYOUTS), dtype.
"""

import math
import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    B, L, S, E, Ev = caselib.distinct_sizes(rng, 5, lo=2, hi=8)
    Hkv = rng.choice((1, 2, 2, 3, 4))
    G = rng.choice((1, 2, 3, 3)) if Hkv > 1 else rng.choice((2, 3, 4))
    return {
        "B": B, "L": L, "S": S, "E": E, "Ev": Ev, "Hkv": Hkv, "G": G,
        "causal": index % 2 == 1 if index < 8 else rng.random() < 0.5,
        "layout": rng.choice(caselib.LAYOUTS),
        "k_layout": rng.choice(caselib.LAYOUTS),
        "v_layout": rng.choice(caselib.LAYOUTS),
        # No "dtype": the engine cycles through the spec's dtypes, float32 / float64 on
        # even / odd indices on a CPU run as before, and float16 / bfloat16 on every
        # 4k + 2 / 4k + 3 index on CUDA (and in dev check).
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    B, L, S, E, Ev = (int(params[k]) for k in ("B", "L", "S", "E", "Ev"))
    Hkv, G = int(params["Hkv"]), int(params["G"])
    Hq = Hkv * G
    lay = params.get("layout", "contiguous")
    q = caselib.layout(caselib.randn([B, Hq, L, E], gen, dtype, device), lay, gen)
    k = caselib.layout(caselib.randn([B, Hkv, S, E], gen, dtype, device),
                       params.get("k_layout", lay), gen)
    v = caselib.layout(caselib.randn([B, Hkv, S, Ev], gen, dtype, device),
                       params.get("v_layout", lay), gen)
    kwargs = {"is_causal": True} if params.get("causal") else {}
    return {"args": [q, k, v], "kwargs": kwargs}


def reference_entry():
    def gqa(q, k, v, is_causal=False):
        return F.scaled_dot_product_attention(q, k, v, is_causal=is_causal, enable_gqa=True)
    return gqa


# ---------------------------------------------------------------------------- suspects

class NotThisCase(Exception):
    """This suspect's mistake makes no difference on this case."""


def _wrong(q, k, v, is_causal=False, *, head_map="interleave", scale=None,
           bottom_right=False, diagonal=0, fold_group=False):
    B, Hq, L, E = q.shape
    Hkv, S = k.shape[1], k.shape[2]
    G = Hq // Hkv
    if head_map == "repeat":
        if Hkv == 1 or G == 1:
            raise NotThisCase
        idx = torch.arange(Hq, device=q.device) % Hkv
    else:
        idx = torch.arange(Hq, device=q.device) // G
    if (bottom_right or diagonal or fold_group) and not is_causal:
        raise NotThisCase
    if bottom_right and L == S:
        raise NotThisCase
    if fold_group and G == 1:
        raise NotThisCase
    kk, vv = k[:, idx], v[:, idx]                                   # (B, Hq, S, ·)
    sc = 1 / math.sqrt(E) if scale is None else scale(E)
    s = (q @ kk.transpose(-2, -1)) * sc                             # (B, Hq, L, S)
    if is_causal:
        if fold_group:
            # Queries of a group laid end to end as G·L rows, causal mask over those rows.
            rows = torch.arange(G * L, device=q.device)[:, None]
            keep = torch.arange(S, device=q.device)[None, :] <= rows          # (G·L, S)
            keep = keep.reshape(G, L, S).repeat(Hkv, 1, 1)                    # head h = (kv, g)
        else:
            off = S - L if bottom_right else 0
            keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril(off + diagonal)
        s = s.masked_fill(~keep, float("-inf"))
    return torch.softmax(s, dim=-1) @ vv


def _suspect(**knobs):
    return lambda q, k, v, is_causal=False: _wrong(q, k, v, is_causal, **knobs)


SUSPECTS = [
    ("query head h used kv head h % Hkv (k.repeat / expand on the wrong axis); GQA groups "
     "neighbouring query heads: head h uses kv head h // (Hq // Hkv), as repeat_interleave",
     _suspect(head_map="repeat")),
    ("the scores are not scaled: divide q @ k.T by sqrt(E)",
     _suspect(scale=lambda E: 1.0)),
    ("you scaled by 1/E; the scale is 1/sqrt(E)",
     _suspect(scale=lambda E: 1 / E)),
    ("the causal mask is bottom-right aligned; here it is top-left, as SDPA's is_causal: "
     "query i attends keys j <= i (torch.ones(L, S).tril())",
     _suspect(bottom_right=True)),
    ("the causal mask is off by one: query i also attends key i (tril(), not tril(-1))",
     _suspect(diagonal=-1)),
    ("the query heads of a group were folded into the sequence axis (G·L rows), so the "
     "causal mask was built over G·L positions: group member g's query i is not at row i",
     _suspect(fold_group=True)),
]
