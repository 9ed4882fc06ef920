"""A SiLU-activated linear layer whose backward pass crashes.

The forward result is right, but `out.sum().backward()` raises. Run
`dlquiz run inplace_backward_fix`, read the error, and fix `silu_linear`.
"""

import torch


def silu_linear(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """out = h * sigmoid(h) with h = x @ w.T + b."""
    h = x @ w.t()
    h += b                      # in place, to save memory
    out = torch.sigmoid(h)
    out *= h                    # in place, to save memory
    return out
