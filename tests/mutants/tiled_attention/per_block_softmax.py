# mutant: normalizes each key block with its own softmax and sums the blocks' outputs
# expect: normalized by its own softmax
import math

import torch


def tiled_attention(q, k, v, block_size=64, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    out = torch.zeros(q.shape[:-1] + (v.shape[-1],), dtype=q.dtype, device=q.device)
    rows = torch.arange(L, device=q.device)[:, None]
    for s in range(0, S, block_size):
        kb, vb = k[..., s:s + block_size, :], v[..., s:s + block_size, :]
        t = q @ kb.transpose(-2, -1) / math.sqrt(E)
        if is_causal:
            cols = torch.arange(s, s + kb.shape[-2], device=q.device)[None, :]
            t = t.masked_fill(cols > rows, float("-inf"))
        m = t.amax(-1, keepdim=True)
        p = torch.exp(t - m).nan_to_num(0.0)                    # fully masked tile: 0
        w = p / p.sum(-1, keepdim=True).clamp_min(1e-30)
        out = out + w @ vb
    return out
