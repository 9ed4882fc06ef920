# mutant: builds the causal mask as torch.ones(L, L), which only fits when L == S
# expect: RuntimeError
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E = q.shape[-2], q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(E)
    if is_causal:
        keep = torch.tril(torch.ones(L, L, device=q.device)).bool()
        scores = scores.masked_fill(~keep, float("-inf"))
    elif attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask
    return torch.softmax(scores, dim=-1) @ v
