# One head at a time on column slices of the projections, then torch.cat of the heads.
import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None, need_weights=False):
        B, L, E = query.shape
        S = key.shape[1]
        H = self.num_heads
        D = E // H
        Q, K, V = self.q_proj(query), self.k_proj(key), self.v_proj(value)
        heads, ws = [], []
        for h in range(H):
            cols = slice(h * D, (h + 1) * D)
            s = Q[..., cols] @ K[..., cols].transpose(1, 2) / math.sqrt(D)     # (B, L, S)
            if attn_mask is not None:
                am = attn_mask[h::H] if attn_mask.dim() == 3 else attn_mask   # rows b*H + h
                s = s.masked_fill(am, float("-inf")) if am.dtype == torch.bool else s + am
            if key_padding_mask is not None:
                s = s.masked_fill(key_padding_mask.unsqueeze(1), float("-inf"))
            w = torch.softmax(s, dim=-1)
            ws.append(w)
            heads.append(w @ V[..., cols])                                     # (B, L, D)
        o = self.out_proj(torch.cat(heads, dim=-1))
        return o, (torch.stack(ws).mean(0) if need_weights else None)
