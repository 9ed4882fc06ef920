"""Reference: central-difference gradient, one element at a time, on a private copy of x."""

import torch


def numerical_grad(f, x: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    # x: any shape, float64. Work on a contiguous copy so that view(-1) is a view (a flat
    # index reaches every element) and the caller's x is never touched.
    xs = x.detach().clone().contiguous()
    flat = xs.view(-1)                                    # (n,), shares memory with xs
    grad = torch.empty_like(flat)                         # (n,)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + eps
        up = f(xs).item()
        flat[i] = old - eps
        down = f(xs).item()
        flat[i] = old                                     # restore exactly before the next i
        # Central difference: the eps·f''/2 error terms of the two sides cancel, leaving
        # eps²·f'''/6 (a forward difference would be off by eps·f''/2).
        grad[i] = (up - down) / (2 * eps)
    return grad.reshape(x.shape)                          # like x
