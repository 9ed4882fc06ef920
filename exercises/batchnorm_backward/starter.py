"""Batch norm backward by hand.

Given grad_output = dL/dy for y = batch_norm(x, weight, bias, training=True, eps), return
(grad_x, grad_weight, grad_bias). Run `dlquiz run batchnorm_backward` to test,
`dlquiz hint batchnorm_backward` for a hint.
"""

import torch


def batchnorm_backward(grad_output: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                       eps: float = 1e-5) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # grad_output, x: (N, C) or (N, C, L); weight: (C,)
    # TODO: return (grad_x, grad_weight, grad_bias) with the shapes of x, weight, weight.
    raise NotImplementedError("batchnorm_backward is not written yet")
