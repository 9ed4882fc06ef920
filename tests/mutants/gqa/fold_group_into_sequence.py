# mutant: folds the G query heads of a group into the sequence axis (B, Hkv, G*L, E) and
# builds the causal mask over those G*L rows
# expect: folded into the sequence axis
import math

import torch


def grouped_query_attention(q, k, v, is_causal=False):
    B, Hq, L, E = q.shape
    Hkv, S = k.shape[1], k.shape[2]
    G = Hq // Hkv
    qf = q.reshape(B, Hkv, G * L, E)
    s = qf @ k.transpose(-2, -1) / math.sqrt(E)          # (B, Hkv, G*L, S)
    if is_causal:
        keep = torch.ones(G * L, S, dtype=torch.bool, device=q.device).tril()
        s = s.masked_fill(~keep, float("-inf"))
    out = torch.softmax(s, dim=-1) @ v                   # (B, Hkv, G*L, Ev)
    return out.reshape(B, Hq, L, v.shape[-1])
