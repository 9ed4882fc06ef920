# Heads kept as a separate axis of (B, T, H, D) throughout; einsum does the per-head
# products, float masks are merged into one additive bias, and the weights are averaged
# with a sum / H.
import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.h = num_heads
        self.d = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None, need_weights=False):
        B, L, E = query.shape
        S = key.shape[1]
        q = self.q_proj(query).unflatten(-1, (self.h, self.d))     # (B, L, H, D)
        k = self.k_proj(key).unflatten(-1, (self.h, self.d))       # (B, S, H, D)
        v = self.v_proj(value).unflatten(-1, (self.h, self.d))
        s = torch.einsum("blhd,bshd->bhls", q * self.d ** -0.5, k)
        bias_ = torch.zeros(B, self.h, L, S, dtype=s.dtype, device=s.device)
        if attn_mask is not None:
            am = attn_mask.unflatten(0, (B, self.h)) if attn_mask.dim() == 3 else attn_mask
            if am.dtype == torch.bool:
                am = torch.zeros(am.shape, dtype=s.dtype, device=s.device).masked_fill(am, -math.inf)
            bias_ = bias_ + am
        if key_padding_mask is not None:
            pad = torch.where(key_padding_mask, -math.inf, 0.0).to(s.dtype)
            bias_ = bias_ + pad.view(B, 1, 1, S)
        s = s + bias_
        w = (s - s.amax(-1, keepdim=True)).exp()
        w = w / w.sum(-1, keepdim=True)
        o = torch.einsum("bhls,bshd->blhd", w, v).flatten(2)       # (B, L, E)
        o = self.out_proj(o)
        return o, (w.sum(1) / self.h if need_weights else None)
