# mutant: broadcasts k/v with a new axis in FRONT of the kv heads ((B, G, Hkv, ...)),
# which flattens to the order h % Hkv
# expect: h % Hkv
import math

import torch


def grouped_query_attention(q, k, v, is_causal=False):
    B, Hq, L, E = q.shape
    Hkv, S = k.shape[1], k.shape[2]
    G = Hq // Hkv
    k = k[:, None].expand(B, G, Hkv, S, E).reshape(B, Hq, S, E)
    v = v[:, None].expand(B, G, Hkv, S, v.shape[-1]).reshape(B, Hq, S, v.shape[-1])
    s = q @ k.transpose(-2, -1) / math.sqrt(E)
    if is_causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        s = s.masked_fill(~keep, float("-inf"))
    return torch.softmax(s, dim=-1) @ v
