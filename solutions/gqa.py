"""Reference solution: grouped-query attention (SDPA with enable_gqa=True)."""

import math

import torch
from torch import Tensor


def grouped_query_attention(q: Tensor, k: Tensor, v: Tensor, is_causal: bool = False) -> Tensor:
    # q: (B, Hq, L, E)   k: (B, Hkv, S, E)   v: (B, Hkv, S, Ev)
    B, Hq, L, E = q.shape
    Hkv, S = k.shape[1], k.shape[2]
    if Hq % Hkv != 0:
        raise ValueError("the number of query heads must be a multiple of the kv heads")
    G = Hq // Hkv                                   # query heads per kv head

    # Query heads 0..G-1 share kv head 0, heads G..2G-1 kv head 1, ...: view q as
    # (B, Hkv, G, L, E) and give k, v a size-1 group axis, so broadcasting pairs every
    # query head with its kv head without copying k and v G times (repeat_interleave
    # would give the same result, with G copies).
    qg = q.reshape(B, Hkv, G, L, E)                 # (B, Hkv, G, L, E)
    kg = k.unsqueeze(2)                             # (B, Hkv, 1, S, E)
    vg = v.unsqueeze(2)                             # (B, Hkv, 1, S, Ev)

    scores = (qg @ kg.transpose(-2, -1)) / math.sqrt(E)            # (B, Hkv, G, L, S)
    if is_causal:
        # Top-left aligned like SDPA: query i sees keys 0..i, also when L != S.
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        scores = scores.masked_fill(~keep, float("-inf"))
    weights = torch.softmax(scores, dim=-1)                        # over the keys
    out = weights @ vg                                             # (B, Hkv, G, L, Ev)
    return out.reshape(B, Hq, L, v.shape[-1])                      # (B, Hq, L, Ev)
