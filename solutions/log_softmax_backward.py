"""Reference: log_softmax backward as a vector-Jacobian product, O(n) memory."""

import torch


def log_softmax_backward(grad_output: torch.Tensor, output: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # grad_output, output: (..., n, ...) with n along `dim`; output = x − logsumexp(x).
    # ∂y_i/∂x_j = δ_ij − p_j with p = softmax(x) = exp(output), so
    # Σ_i g_i (δ_ij − p_j) = g_j − p_j · Σ_i g_i: one plain sum per row, never the n×n Jacobian.
    p = torch.exp(output)                               # (..., n, ...), the probabilities
    row_sum = grad_output.sum(dim, keepdim=True)        # (..., 1, ...), keepdim to broadcast along dim
    return grad_output - p * row_sum
