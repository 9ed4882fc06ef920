"""GELU backward without autograd.

Return dL/dx for y = torch.nn.functional.gelu(x, approximate=approximate).
Run `dlquiz run gelu_backward` to test, `dlquiz hint gelu_backward` for a hint.
"""

import math

import torch


def gelu_backward(grad_output: torch.Tensor, x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    # approximate is "none" (exact, erf-based) or "tanh".
    raise NotImplementedError("gelu_backward is not written yet")
