"""Reference: Gaussian MLE = sample mean and biased (÷ N) variance, in two passes."""

import math

import torch


def gaussian_mle(x: torch.Tensor, dim: int = 0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    mu = x.mean(dim, keepdim=True)                 # (..., 1, ...)
    # d/dσ² of the log-likelihood = 0 gives (1/N) Σ (x − μ)²: divide by N, not N − 1.
    # Subtracting the mean before squaring keeps it accurate when |μ| ≫ σ.
    var = ((x - mu) ** 2).mean(dim)                # dim removed
    # At the MLE the average of (x − μ)² / (2σ²) is exactly ½.
    nll = 0.5 * torch.log(2 * math.pi * var) + 0.5
    return mu.squeeze(dim), var, nll
