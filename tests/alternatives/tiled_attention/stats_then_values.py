# Two streaming passes over the key blocks (as in the backward of flash attention): pass 1
# the running max and sum only; pass 2 the output with the final statistics, so no rescaling
# of an accumulator is needed.
import math

import torch


def tiled_attention(q, k, v, block_size=64, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    rows = torch.arange(L, device=q.device)[:, None]

    def tile(s):
        kb = k[..., s:s + block_size, :]
        t = (q @ kb.transpose(-2, -1)) / math.sqrt(E)
        if is_causal:
            cols = torch.arange(s, s + kb.shape[-2], device=q.device)[None, :]
            t = t.masked_fill(cols > rows, float("-inf"))
        return t

    m = torch.full(q.shape[:-1] + (1,), float("-inf"), dtype=q.dtype, device=q.device)
    l = torch.zeros_like(m)
    for s in range(0, S, block_size):
        t = tile(s)
        m_new = torch.maximum(m, t.amax(-1, keepdim=True))
        l = l * torch.exp(m - m_new) + torch.exp(t - m_new).sum(-1, keepdim=True)
        m = m_new
    out = torch.zeros(q.shape[:-1] + (v.shape[-1],), dtype=q.dtype, device=q.device)
    for s in range(0, S, block_size):
        out = out + (torch.exp(tile(s) - m) / l) @ v[..., s:s + block_size, :]
    return out
