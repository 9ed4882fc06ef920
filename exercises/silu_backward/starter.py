"""SiLU (swish) backward without autograd.

Return dL/dx for y = torch.nn.functional.silu(x) = x * sigmoid(x).
Run `dlquiz run silu_backward` to test, `dlquiz hint silu_backward` for a hint.
"""

import torch


def silu_backward(grad_output: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("silu_backward is not written yet")
