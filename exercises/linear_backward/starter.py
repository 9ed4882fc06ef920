"""Linear layer backward without autograd.

y = x @ weight.T + bias with weight (out, in); given grad_output = dL/dy, return
(grad_x, grad_weight, grad_bias). Run `dlquiz run linear_backward` to test,
`dlquiz hint linear_backward` for a hint.
"""

import torch


def linear_backward(grad_output: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                    bias: torch.Tensor | None):
    # TODO: return (grad_x, grad_weight, grad_bias); grad_bias is None when bias is None.
    raise NotImplementedError("linear_backward is not written yet")
