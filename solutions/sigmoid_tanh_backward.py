"""Reference: sigmoid and tanh backward written in terms of the saved output y."""

import torch


def activation_backward(grad_output: torch.Tensor, output: torch.Tensor, kind: str) -> torch.Tensor:
    # grad_output, output: same shape (any rank). Both derivatives are functions of y alone,
    # which is why autograd saves the output of these ops, not their input.
    y = output
    if kind == "sigmoid":
        # σ'(x) = σ(x)(1 − σ(x)) = y(1 − y); at most 0.25 (at y = 0.5).
        return grad_output * y * (1 - y)
    if kind == "tanh":
        # tanh'(x) = 1 − tanh²(x) = 1 − y²; at most 1 (at y = 0).
        return grad_output * (1 - y * y)
    raise ValueError(f"kind must be 'sigmoid' or 'tanh', got {kind!r}")
