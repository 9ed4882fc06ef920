"""Reference: training-mode batch norm backward in closed form."""

import torch


def batchnorm_backward(grad_output: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                       eps: float = 1e-5) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # grad_output, x: (N, C) or (N, C, L); weight: (C,)
    # Statistics are per channel, over every axis but C.
    dims = (0,) if x.dim() == 2 else (0, 2)
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)      # how a (C,) vector broadcasts

    mean = x.mean(dims, keepdim=True)                   # (1, C[, 1])
    var = ((x - mean) ** 2).mean(dims, keepdim=True)    # biased (÷ n), as in the forward
    rstd = torch.rsqrt(var + eps)                       # (1, C[, 1])
    x_hat = (x - mean) * rstd                           # like x

    # y = weight·x̂ + bias: the parameter gradients sum over every position of a channel.
    grad_bias = grad_output.sum(dims)                   # (C,)
    grad_weight = (grad_output * x_hat).sum(dims)       # (C,)

    # x̂ depends on x directly and through mean and var. Differentiating all three paths
    # gives, per channel, with ĝ = g·weight:
    #   grad_x = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ · x̂))
    # the two subtracted means are the paths through the batch mean and the batch variance.
    g_hat = grad_output * weight.reshape(view)          # like x
    grad_x = rstd * (g_hat - g_hat.mean(dims, keepdim=True)
                     - x_hat * (g_hat * x_hat).mean(dims, keepdim=True))
    return grad_x, grad_weight, grad_bias
