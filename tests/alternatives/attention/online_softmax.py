# alternative: flash-attention style: one pass over blocks of keys with a running max,
# a running denominator and a running weighted sum (online softmax), rescaled per block.
import math

import torch

BLOCK = 3


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E, S, Ev = q.shape[-2], q.shape[-1], k.shape[-2], v.shape[-1]
    batch = torch.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    bias = None
    if is_causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        bias = torch.zeros(L, S, dtype=q.dtype, device=q.device).masked_fill(~keep, float("-inf"))
    elif attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = torch.zeros(attn_mask.shape, dtype=q.dtype, device=q.device)
            bias = bias.masked_fill(~attn_mask, float("-inf"))
        else:
            bias = attn_mask
    qs = q * (1.0 / math.sqrt(E))

    m = torch.full((*batch, L, 1), float("-inf"), dtype=q.dtype, device=q.device)
    denom = torch.zeros((*batch, L, 1), dtype=q.dtype, device=q.device)
    acc = torch.zeros((*batch, L, Ev), dtype=q.dtype, device=q.device)
    for start in range(0, S, BLOCK):
        stop = min(start + BLOCK, S)
        s = qs @ k[..., start:stop, :].transpose(-2, -1)       # (..., L, b)
        if bias is not None:
            s = s + bias[..., start:stop]
        m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
        # While a row has seen only -inf, keep its shift finite so exp() gives 0, not NaN.
        shift = torch.where(torch.isinf(m_new), torch.zeros_like(m_new), m_new)
        p = torch.exp(s - shift)
        correction = torch.exp(m - shift)
        denom = denom * correction + p.sum(dim=-1, keepdim=True)
        acc = acc * correction + p @ v[..., start:stop, :]
        m = m_new
    return acc / denom
