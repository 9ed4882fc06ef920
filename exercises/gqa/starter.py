import math

import torch
from torch import Tensor


def grouped_query_attention(q: Tensor, k: Tensor, v: Tensor, is_causal: bool = False) -> Tensor:
    """Grouped-query attention, like F.scaled_dot_product_attention(..., enable_gqa=True).

    q: (B, Hq, L, E)   k: (B, Hkv, S, E)   v: (B, Hkv, S, Ev)   ->   (B, Hq, L, Ev)
    Query head h uses kv head h // (Hq // Hkv). is_causal: top-left aligned (tril()).

    TODO: pair each query head with its kv head, then scaled dot-product attention.
    """
    raise NotImplementedError("grouped_query_attention")
