# alternative: the fourth-order five-point stencil, on a fresh copy of x for every evaluation
import itertools

import torch


def numerical_grad(f, x, eps=1e-6):
    base = x.detach()
    grad = torch.empty_like(base)
    for idx in itertools.product(*(range(s) for s in base.shape)):
        def at(k):
            xk = base.clone()
            xk[idx] = xk[idx] + k * eps
            return f(xk).item()
        grad[idx] = (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * eps)
    return grad
