"""GELU, tanh approximation — copied from my notes, and the numbers look wrong.

Fix gelu_tanh so that it matches torch.nn.functional.gelu(x, approximate="tanh").
Run `dlquiz run gelu_tanh_fix` to test, `dlquiz hint gelu_tanh_fix` for a hint.
"""

import math

import torch


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    # GELU ≈ 0.5 (1 + tanh(sqrt(pi/2) (x + 0.044715 x^3)))   (from my notes)
    return 0.5 * (1 + torch.tanh(math.sqrt(math.pi / 2) * (x + 0.044715 * x ** 3)))
