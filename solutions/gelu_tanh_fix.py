"""Reference: the tanh approximation of GELU, with both bugs of the notes fixed."""

import math

import torch


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    # x: any shape. GELU(x) = x·Φ(x); the tanh form approximates Φ(x) by
    # 0.5·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    # Bug 1: the notes returned that gate without multiplying by x.
    # Bug 2: the constant is √(2/π) ≈ 0.798 (from the slope of Φ at 0, φ(0) = 1/√(2π)), not √(π/2).
    k = math.sqrt(2.0 / math.pi)
    return 0.5 * x * (1.0 + torch.tanh(k * (x + 0.044715 * x * x * x)))
