"""Reference: the derivative of both GELU forms, written out by the product rule."""

import math

import torch

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
INV_SQRT_2 = 1.0 / math.sqrt(2.0)
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def gelu_backward(grad_output: torch.Tensor, x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    # grad_output, x: same shape, any rank.
    if approximate == "none":
        # gelu(x) = x·Φ(x)  →  gelu'(x) = Φ(x) + x·φ(x)
        cdf = 0.5 * (1.0 + torch.erf(x * INV_SQRT_2))     # Φ(x), standard normal CDF
        pdf = torch.exp(-0.5 * x * x) * INV_SQRT_2PI       # φ(x), standard normal density
        return grad_output * (cdf + x * pdf)
    if approximate == "tanh":
        # gelu(x) ≈ 0.5·x·(1 + tanh(u)),  u = √(2/π)·(x + 0.044715·x³)
        u = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)
        t = torch.tanh(u)
        du = SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * x * x)  # u'(x)
        # product rule: 0.5·(1 + t) + 0.5·x·(1 − t²)·u'
        return grad_output * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du)
    raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")
