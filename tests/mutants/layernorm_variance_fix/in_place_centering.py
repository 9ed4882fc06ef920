# mutant: centres x in place, changing the caller's tensor
# expect: modifies its input
"""Reference: LayerNorm over the last dim with the biased variance."""

import torch


def layer_norm(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    # x: (*, D); weight, bias: (D,)
    mean = x.mean(-1, keepdim=True)                     # (*, 1)
    # Tensor.var defaults to the unbiased estimator (÷ (D − 1)). LayerNorm normalizes with
    # the plain (biased) variance of the row, ÷ D: pass unbiased=False (or correction=0).
    var = x.var(-1, unbiased=False, keepdim=True)       # (*, 1)
    x -= mean
    x_hat = x / torch.sqrt(var + eps)         # (*, D), eps inside the sqrt
    return x_hat * weight + bias                        # weight, bias broadcast over *
