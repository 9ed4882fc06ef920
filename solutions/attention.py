"""Reference solution: scaled dot-product attention, as torch.nn.functional does it."""

import math

import torch
from torch import Tensor


def scaled_dot_product_attention(q: Tensor, k: Tensor, v: Tensor,
                                 attn_mask: Tensor | None = None,
                                 is_causal: bool = False) -> Tensor:
    # q: (..., L, E)   k: (..., S, E)   v: (..., S, Ev)
    L, E = q.shape[-2], q.shape[-1]
    S = k.shape[-2]

    # Each logit is a sum of E products. With unit-variance entries its variance is E, so
    # dividing by sqrt(E) keeps the logits near unit scale whatever the head size, and the
    # softmax neither saturates (one-hot) nor goes flat as E grows.
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(E)          # (..., L, S)

    if is_causal:
        # Top-left aligned: query i sees keys 0..i, as torch.ones(L, S).tril().
        # Built as (L, S), so L != S works too.
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        scores = scores.masked_fill(~keep, float("-inf"))
    elif attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            # True = takes part; a dropped key gets a logit of -inf, i.e. weight exp(-inf) = 0.
            scores = scores.masked_fill(~attn_mask, float("-inf"))   # mask broadcasts
        else:
            # A float mask is a bias added to the logits (-inf drops a key).
            scores = scores + attn_mask

    # Softmax over the keys (last dim). Subtracting each row's max leaves the result
    # unchanged (it cancels between numerator and denominator) but keeps every exponent
    # <= 0, so exp() cannot overflow even when logits are in the hundreds.
    row_max = scores.amax(dim=-1, keepdim=True)                # (..., L, 1)
    weights = torch.exp(scores - row_max)                      # (..., L, S)
    weights = weights / weights.sum(dim=-1, keepdim=True)

    return weights @ v                                         # (..., L, Ev)
