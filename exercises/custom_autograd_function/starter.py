"""Softplus as a custom torch.autograd.Function.

Write forward (numerically stable) and backward (by hand). Run
`dlquiz run custom_autograd_function` to test, `dlquiz hint custom_autograd_function` for a hint.
"""

import torch


class Softplus(torch.autograd.Function):
    """y = log(1 + exp(beta * x)) / beta, used as Softplus.apply(x, beta)."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
        # TODO: compute y without overflow; save what backward needs.
        raise NotImplementedError("Softplus.forward is not written yet")

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor):
        # TODO: return one gradient per input of forward (x and beta).
        raise NotImplementedError("Softplus.backward is not written yet")
