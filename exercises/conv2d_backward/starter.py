"""Conv2d weight and bias gradients without autograd.

y = F.conv2d(x, weight, bias, stride, padding, dilation); given grad_output = dL/dy, return
(grad_weight, grad_bias). Run `dlquiz run conv2d_backward` to test,
`dlquiz hint conv2d_backward` for a hint.
"""

import torch
import torch.nn.functional as F


def conv2d_weight_grad(grad_output: torch.Tensor, x: torch.Tensor, weight_shape, stride=1,
                       padding=0, dilation=1):
    # TODO: return (grad_weight of shape weight_shape, grad_bias of shape (C_out,)).
    raise NotImplementedError("conv2d_weight_grad is not written yet")
