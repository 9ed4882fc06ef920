"""Reference solution: multi-head attention (batch_first), as nn.MultiheadAttention computes it."""

import math

import torch
from torch import Tensor, nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.embed_dim = embed_dim
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        # Four separate (E, E) projections. nn.MultiheadAttention packs the first three
        # into one in_proj_weight (3E, E) = cat(Wq, Wk, Wv); the maths is identical.
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def _split(self, x: Tensor) -> Tensor:
        # (B, T, E) -> (B, T, H, D) -> (B, H, T, D). The E axis is H blocks of D, so the
        # split must happen on the last axis; only then is H moved in front of T.
        B, T, _ = x.shape
        return x.reshape(B, T, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, query: Tensor, key: Tensor, value: Tensor,
                key_padding_mask: Tensor | None = None, attn_mask: Tensor | None = None,
                need_weights: bool = False):
        B, L, E = query.shape
        S = key.shape[1]
        H, D = self.num_heads, self.head_dim

        q = self._split(self.q_proj(query))                    # (B, H, L, D)
        k = self._split(self.k_proj(key))                      # (B, H, S, D)
        v = self._split(self.v_proj(value))                    # (B, H, S, D)

        # Each head is an attention of width D, so the scale is 1/sqrt(D), not 1/sqrt(E).
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(D)      # (B, H, L, S)

        if attn_mask is not None:
            if attn_mask.dim() == 3:
                # (B·H, L, S), batch-major: row b·H + h is batch b, head h.
                attn_mask = attn_mask.reshape(B, H, L, S)
            if attn_mask.dtype == torch.bool:
                # nn.MultiheadAttention convention: True = NOT allowed.
                scores = scores.masked_fill(attn_mask, float("-inf"))
            else:
                scores = scores + attn_mask                    # additive bias
        if key_padding_mask is not None:
            # (B, S), True = padding key: blank out whole columns for every head and query.
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))

        weights = torch.softmax(scores, dim=-1)                # (B, H, L, S)
        out = weights @ v                                      # (B, H, L, D)
        # Merge: back to (B, L, H, D) so each position holds its H head vectors side by
        # side, then (B, L, E). The transpose makes it non-contiguous, so reshape, not view.
        out = out.transpose(1, 2).reshape(B, L, E)
        out = self.out_proj(out)                               # (B, L, E)
        return out, (weights.mean(dim=1) if need_weights else None)   # (B, L, S) averaged
