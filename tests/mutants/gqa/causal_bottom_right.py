# mutant: aligns the causal mask to the bottom-right corner (KV-cache style) when L != S
# expect: bottom-right
import math

import torch


def grouped_query_attention(q, k, v, is_causal=False):
    G = q.shape[1] // k.shape[1]
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    k = k.repeat_interleave(G, dim=1)
    v = v.repeat_interleave(G, dim=1)
    s = q @ k.transpose(-2, -1) / math.sqrt(E)
    if is_causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril(S - L)
        s = s.masked_fill(~keep, float("-inf"))
    return torch.softmax(s, dim=-1) @ v
