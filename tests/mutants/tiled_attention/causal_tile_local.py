# mutant: builds the causal mask from the tile's own column index (0..b-1), not the global key index
# expect: GLOBAL key index

import math

import torch
from torch import Tensor


def tiled_attention(q: Tensor, k: Tensor, v: Tensor, block_size: int = 64,
                    is_causal: bool = False) -> Tensor:
    # q: (..., L, E)   k: (..., S, E)   v: (..., S, Ev)   ->   (..., L, Ev)
    L, E = q.shape[-2], q.shape[-1]
    S, Ev = k.shape[-2], v.shape[-1]
    lead = q.shape[:-2]
    scale = 1.0 / math.sqrt(E)

    # Per query: running max m, running sum l of exp(score − m), and the running
    # unnormalized output acc = Σ exp(score − m) · v. Memory is O(L·(block + Ev)), never O(L·S).
    m = torch.full(lead + (L, 1), float("-inf"), dtype=q.dtype, device=q.device)
    l = torch.zeros(lead + (L, 1), dtype=q.dtype, device=q.device)
    acc = torch.zeros(lead + (L, Ev), dtype=q.dtype, device=q.device)
    rows = torch.arange(L, device=q.device)[:, None]                 # (L, 1) query index

    for start in range(0, S, block_size):
        kb = k[..., start:start + block_size, :]                     # (..., b, E)
        vb = v[..., start:start + block_size, :]                     # (..., b, Ev)
        t = (q @ kb.transpose(-2, -1)) * scale                       # (..., L, b) one tile
        if is_causal:
            # Top-left aligned: query i sees keys j <= i. Key 0 is in the first block, so
            # after it every row has a finite max and later all-masked tiles give exp(−inf) = 0.
            cols = torch.arange(kb.shape[-2], device=q.device)[None, :]
            t = t.masked_fill(cols > rows, float("-inf"))
        m_new = torch.maximum(m, t.amax(dim=-1, keepdim=True))        # (..., L, 1)
        p = torch.exp(t - m_new)                                      # (..., L, b), <= 1
        # What was accumulated relative to the old max is rescaled to the new one.
        alpha = torch.exp(m - m_new)                                  # (..., L, 1), exp(−inf) = 0
        l = l * alpha + p.sum(dim=-1, keepdim=True)
        acc = acc * alpha + p @ vb                                    # (..., L, Ev)
        m = m_new

    return acc / l                                                    # normalize once
