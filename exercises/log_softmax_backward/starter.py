"""log_softmax backward without autograd.

Given grad_output = dL/dy and output = y = log_softmax(x, dim), return dL/dx.
Run `dlquiz run log_softmax_backward` to test, `dlquiz hint log_softmax_backward` for a hint.
"""

import torch


def log_softmax_backward(grad_output: torch.Tensor, output: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # TODO: return dL/dx, same shape, dtype and device as grad_output.
    raise NotImplementedError("log_softmax_backward is not written yet")
