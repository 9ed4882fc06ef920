# mutant: causal mask masks triu(0), so a query cannot see its own position
# expect: off by one
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(E)
    if is_causal:
        future = torch.ones(L, S, dtype=torch.bool, device=q.device).triu()
        scores = scores.masked_fill(future, float("-inf"))
    elif attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask
    return torch.softmax(scores, dim=-1) @ v
