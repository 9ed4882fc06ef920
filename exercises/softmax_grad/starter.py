"""Softmax backward without autograd.

Given grad_output = dL/dy and output = y = softmax(x, dim), return dL/dx.
Run `dlquiz run softmax_grad` to test, `dlquiz hint softmax_grad` for a hint.
"""

import torch


def softmax_backward(grad_output: torch.Tensor, output: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # TODO: return dL/dx, same shape, dtype and device as grad_output.
    raise NotImplementedError("softmax_backward is not written yet")
