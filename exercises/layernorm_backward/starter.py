"""Layer norm backward by hand.

Given grad_output = dL/dy for y = layer_norm(x, (D,), weight, bias, eps) over the last dim,
return (grad_x, grad_weight, grad_bias). Run `dlquiz run layernorm_backward` to test,
`dlquiz hint layernorm_backward` for a hint.
"""

import torch


def layernorm_backward(grad_output: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                       eps: float = 1e-5) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # grad_output, x: (..., D); weight: (D,)
    # TODO: return (grad_x, grad_weight, grad_bias) with the shapes of x, weight, weight.
    raise NotImplementedError("layernorm_backward is not written yet")
