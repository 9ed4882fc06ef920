"""Reference: stable softplus with a hand-written backward."""

import torch


class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
        # x: any shape. log(1 + e^z) = max(z, 0) + log1p(e^{-|z|}) with z = beta·x:
        # e^{-|z|} <= 1 never overflows, and log1p keeps the digits when it is tiny.
        z = beta * x
        y = (torch.clamp(z, min=0) + torch.log1p(torch.exp(-z.abs()))) / beta
        ctx.save_for_backward(x)   # saved tensors are version-checked by autograd
        ctx.beta = beta            # a plain number can live on ctx
        return y                   # same shape and dtype as x

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor):
        (x,) = ctx.saved_tensors
        # d/dx [log(1 + e^{βx}) / β] = β·e^{βx} / (1 + e^{βx}) / β = sigmoid(βx): the βs cancel.
        grad_x = grad_output * torch.sigmoid(ctx.beta * x)
        # One gradient per forward input; beta is a Python float, so None.
        return grad_x, None
