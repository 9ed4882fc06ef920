# mutant: only handles boolean masks; a float attn_mask is silently ignored
# expect: float attn_mask is ignored
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(E)
    if is_causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        scores = scores.masked_fill(~keep, float("-inf"))
    elif attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
