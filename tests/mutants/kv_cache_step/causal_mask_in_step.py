# mutant: applies a top-left causal mask tril() to the (1, T) score row of the single new query
# expect: causal mask inside the step

import math

import torch
from torch import Tensor


def decode_step(x_t: Tensor, cache, w_q: Tensor, w_k: Tensor, w_v: Tensor, num_heads: int):
    # x_t: (B, 1, E), the newest token.   w_*: (E, E), nn.Linear convention (x @ w.T).
    # cache: None, or (k_cache, v_cache), each (B, H, T_past, D).
    B, one, E = x_t.shape
    H = num_heads
    D = E // H

    def split(y):                                   # (B, 1, E) -> (B, H, 1, D)
        return y.reshape(B, one, H, D).transpose(1, 2)

    q = split(x_t @ w_q.T)                          # (B, H, 1, D)
    k = split(x_t @ w_k.T)                          # (B, H, 1, D)
    v = split(x_t @ w_v.T)                          # (B, H, 1, D)

    # Append the new key/value along the time axis (dim 2) exactly once. torch.cat makes
    # new tensors, so the caller's cache is left untouched.
    if cache is None:
        k_all, v_all = k, v                         # (B, H, 1, D)
    else:
        k_all = torch.cat([cache[0], k], dim=2)     # (B, H, T_past + 1, D)
        v_all = torch.cat([cache[1], v], dim=2)

    # The newest token is the last position, so causality allows it every key in the
    # cache and itself: no mask is needed (a tril() here would keep key 0 only).
    scores = (q @ k_all.transpose(-2, -1)) / math.sqrt(D)   # (B, H, 1, T)
    L, S = scores.shape[-2], scores.shape[-1]
    keep = torch.ones(L, S, dtype=torch.bool, device=scores.device).tril()
    scores = scores.masked_fill(~keep, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    y = weights @ v_all                                      # (B, H, 1, D)
    y = y.transpose(1, 2).reshape(B, one, E)                 # merge heads: (B, 1, E)
    return y, (k_all, v_all)
