import math

import torch
from torch import Tensor


def scaled_dot_product_attention(q: Tensor, k: Tensor, v: Tensor,
                                 attn_mask: Tensor | None = None,
                                 is_causal: bool = False) -> Tensor:
    """softmax(q @ k^T / sqrt(E) + mask) @ v, like F.scaled_dot_product_attention.

    q: (..., L, E)   k: (..., S, E)   v: (..., S, Ev)   ->   (..., L, Ev)

    attn_mask: optional, broadcasts to (..., L, S).
        bool:  True = the key takes part in attention, False = masked out.
        float: added to the scores before the softmax (-inf drops a key).
    is_causal: query i attends keys j <= i (torch.ones(L, S).tril(), top-left aligned).

    TODO: scores, scale, mask, softmax over the keys, weighted sum of v.
    """
    raise NotImplementedError("scaled_dot_product_attention")
