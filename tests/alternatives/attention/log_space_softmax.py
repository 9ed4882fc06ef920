# alternative: the softmax done in log space, exp(s - logsumexp(s)), and causal masking
# built from index comparisons instead of tril().
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    s = torch.matmul(q, k.mT) * (1.0 / math.sqrt(E))           # (..., L, S)
    if is_causal:
        rows = torch.arange(L, device=q.device).unsqueeze(-1)
        cols = torch.arange(S, device=q.device)
        s = s.masked_fill(cols > rows, float("-inf"))
    elif attn_mask is not None:
        s = s.masked_fill(~attn_mask, float("-inf")) if attn_mask.dtype == torch.bool else s + attn_mask
    log_weights = s - torch.logsumexp(s, dim=-1, keepdim=True)
    return torch.exp(log_weights) @ v
