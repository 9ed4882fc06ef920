"""Reference: layer norm backward over the last dim, in closed form."""

import torch


def layernorm_backward(grad_output: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                       eps: float = 1e-5) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # grad_output, x: (..., D); weight: (D,)
    # Each row (one sample / token) is normalized over its own D features.
    mean = x.mean(-1, keepdim=True)                     # (..., 1)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)      # (..., 1), biased (÷ D)
    rstd = torch.rsqrt(var + eps)                       # (..., 1)
    x_hat = (x - mean) * rstd                           # (..., D)

    # weight and bias are shared by every row: their gradients sum over all leading dims.
    # Flatten the rows first: x.sum(dim=()) would reduce *every* dim for a single (D,) row.
    d = x.shape[-1]
    grad_bias = grad_output.reshape(-1, d).sum(0)                 # (D,)
    grad_weight = (grad_output * x_hat).reshape(-1, d).sum(0)     # (D,)

    # Within a row: ĝ = g·weight is ∂L/∂x̂; the row mean and variance depend on every x of
    # the row, which adds the −mean(ĝ) and −x̂·mean(ĝ·x̂) terms.
    g_hat = grad_output * weight                        # (..., D)
    grad_x = rstd * (g_hat - g_hat.mean(-1, keepdim=True)
                     - x_hat * (g_hat * x_hat).mean(-1, keepdim=True))
    return grad_x, grad_weight, grad_bias
