"""Reference: softmax backward as a vector-Jacobian product, O(n) memory."""

import torch


def softmax_backward(grad_output: torch.Tensor, output: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # grad_output, output: (..., n, ...) with n along `dim`.
    # The Jacobian of one row is diag(y) - y yᵀ, so gᵀJ = y ⊙ g - y (g·y).
    # Only the per-row scalar g·y is needed, never the n×n matrix.
    gy = (grad_output * output).sum(dim, keepdim=True)  # (..., 1, ...)
    return output * (grad_output - gy)
