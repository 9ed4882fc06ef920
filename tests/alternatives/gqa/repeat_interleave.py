# Copy the kv heads with repeat_interleave, then plain attention; causal via a -inf bias.
import math

import torch


def grouped_query_attention(q, k, v, is_causal=False):
    G = q.shape[1] // k.shape[1]
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    k = k.repeat_interleave(G, dim=1)
    v = v.repeat_interleave(G, dim=1)
    s = q @ k.transpose(-2, -1) * (1.0 / math.sqrt(E))
    if is_causal:
        i = torch.arange(L, device=q.device)[:, None]
        j = torch.arange(S, device=q.device)[None, :]
        s = s + torch.where(j > i, float("-inf"), 0.0).to(s.dtype)
    return torch.softmax(s, dim=-1) @ v
