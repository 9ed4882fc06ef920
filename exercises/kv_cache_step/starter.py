import math

import torch
from torch import Tensor


def decode_step(x_t: Tensor, cache, w_q: Tensor, w_k: Tensor, w_v: Tensor, num_heads: int):
    """One incremental decoding step of causal multi-head self-attention.

    x_t:   (B, 1, E), the newest token.
    cache: None on the first step, else (k_cache, v_cache), each (B, H, T_past, D).
    w_q, w_k, w_v: (E, E) weights, used as x @ w.T (like nn.Linear without bias).
    Returns (y_t, (k_cache_new, v_cache_new)): y_t (B, 1, E) the merged heads (no output
    projection), the caches (B, H, T_past + 1, D).

    TODO: project, split heads, append to the cache, attend, merge heads.
    """
    raise NotImplementedError("decode_step")
