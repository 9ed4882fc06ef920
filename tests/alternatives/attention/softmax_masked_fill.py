# alternative: one additive bias for every kind of mask, then torch.softmax and a matmul.
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, S = q.shape[-2], k.shape[-2]
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
    bias = torch.zeros(L, S, dtype=q.dtype, device=q.device)
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias.masked_fill(~attn_mask, float("-inf"))
        else:
            bias = bias + attn_mask
    scale = 1 / math.sqrt(q.size(-1))
    weights = torch.softmax(q @ k.mT * scale + bias, dim=-1)
    return weights @ v
