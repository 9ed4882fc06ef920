import math

import torch
from torch import Tensor, nn


class MultiHeadAttention(nn.Module):
    """Multi-head attention on batch_first input, like nn.MultiheadAttention(batch_first=True).

    Sub-modules (the tests copy weights into them): q_proj, k_proj, v_proj, out_proj,
    each nn.Linear(embed_dim, embed_dim, bias=bias).
    """

    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True):
        super().__init__()
        # TODO: store the sizes and create q_proj, k_proj, v_proj, out_proj.
        raise NotImplementedError("MultiHeadAttention.__init__")

    def forward(self, query: Tensor, key: Tensor, value: Tensor,
                key_padding_mask: Tensor | None = None, attn_mask: Tensor | None = None,
                need_weights: bool = False):
        """query (B, L, E), key / value (B, S, E) -> (attn_output (B, L, E), weights or None).

        key_padding_mask (B, S) bool: True = padding (ignored).
        attn_mask (L, S) or (B*num_heads, L, S): bool True = NOT allowed; float = added.
        """
        # TODO: project, split heads, scores / sqrt(head_dim), masks, softmax, merge, out_proj.
        raise NotImplementedError("MultiHeadAttention.forward")
