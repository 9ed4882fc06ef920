# mutant: the notes' dim 1 (right for (N, D) only), with the variance fixed
# expect: over dim 1, which is the last dim only for 2-D
"""Reference: LayerNorm over the last dim with the biased variance."""

import torch


def layer_norm(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    # x: (*, D); weight, bias: (D,)
    mean = x.mean(1, keepdim=True)                    # (*, 1)
    # Tensor.var defaults to the unbiased estimator (÷ (D − 1)). LayerNorm normalizes with
    # the plain (biased) variance of the row, ÷ D: pass unbiased=False (or correction=0).
    var = x.var(1, unbiased=False, keepdim=True)      # (*, 1)
    x_hat = (x - mean) / torch.sqrt(var + eps)          # (*, D), eps inside the sqrt
    return x_hat * weight + bias                        # weight, bias broadcast over *
