# mutant: builds the whole (L, S) score matrix and does an ordinary stable softmax
# expect: ran out of memory
import math

import torch


def tiled_attention(q, k, v, block_size=64, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    s = q @ k.transpose(-2, -1) / math.sqrt(E)                 # (..., L, S): all of it
    if is_causal:
        s = s.masked_fill(torch.ones(L, S, dtype=torch.bool, device=q.device).triu(1), float("-inf"))
    # Reduce block by block (so only the memory shows the problem).
    m = torch.full(s.shape[:-1] + (1,), float("-inf"), dtype=s.dtype, device=s.device)
    for j in range(0, S, block_size):
        m = torch.maximum(m, s[..., j:j + block_size].amax(-1, keepdim=True))
    p = torch.exp(s - m)
    l = torch.zeros_like(m)
    for j in range(0, S, block_size):
        l = l + p[..., j:j + block_size].sum(-1, keepdim=True)
    return (p / l) @ v
