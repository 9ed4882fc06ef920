import math

import torch
from torch import Tensor


def tiled_attention(q: Tensor, k: Tensor, v: Tensor, block_size: int = 64,
                    is_causal: bool = False) -> Tensor:
    """softmax(q @ k^T / sqrt(E)) @ v, computed over blocks of `block_size` keys.

    q: (..., L, E)   k: (..., S, E)   v: (..., S, Ev)   ->   (..., L, Ev)
    Keep per query a running max, a running sum and a running output; never build the
    full (L, S) score matrix. is_causal: query i attends keys j <= i (top-left aligned).

    TODO: loop over key blocks, update the running statistics, normalize at the end.
    """
    raise NotImplementedError("tiled_attention")
