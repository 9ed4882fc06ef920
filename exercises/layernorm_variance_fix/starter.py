"""LayerNorm over the last dim, as written in the notes (adapted to any rank).

It runs, but its numbers do not match torch.nn.functional.layer_norm. Run
`dlquiz run layernorm_variance_fix`, read the verdict, and fix it.
"""

import torch


def layer_norm(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    # x: (*, D); weight, bias: (D,)
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True)
    x_hat = (x - mean) / torch.sqrt(var + eps)
    return x_hat * weight + bias
