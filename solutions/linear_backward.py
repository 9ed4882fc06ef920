"""Reference: linear layer backward with the leading dims flattened into rows."""

import torch


def linear_backward(grad_output: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                    bias: torch.Tensor | None):
    # grad_output: (*, out)   x: (*, in)   weight: (out, in)   bias: (out,) or None
    d_out, d_in = weight.shape
    # Every leading position is an independent row sharing weight and bias. reshape, not
    # view: the inputs may be non-contiguous, and reshape copies only when it has to.
    g2 = grad_output.reshape(-1, d_out)   # (N, out)
    x2 = x.reshape(-1, d_in)              # (N, in)
    # y = x Wᵀ  =>  dL/dx = g W; the matmul keeps the leading dims.
    grad_x = grad_output @ weight         # (*, in)
    # dL/dW = Σ_rows g xᵀ: one outer product per row, summed by the matmul.
    grad_weight = g2.T @ x2               # (out, in)
    # The bias is broadcast to every row, so its gradient sums over all rows.
    grad_bias = None if bias is None else g2.sum(0)   # (out,)
    return grad_x, grad_weight, grad_bias
