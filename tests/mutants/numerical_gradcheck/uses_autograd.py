# mutant: asks autograd for the gradient instead of estimating it
# expect: forbids
import torch


def numerical_grad(f, x, eps=1e-6):
    xr = x.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(f(xr), xr)
    return g
