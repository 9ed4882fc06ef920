# mutant: recomputes the forward with grad enabled and lets autograd differentiate it
# expect: calls autograd
import torch


class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta=1.0):
        z = beta * x
        ctx.save_for_backward(x)
        ctx.beta = beta
        return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / beta

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        with torch.enable_grad():
            xx = x.detach().requires_grad_(True)
            z = ctx.beta * xx
            y = (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / ctx.beta
            (gx,) = torch.autograd.grad(y, xx, grad_output)
        return gx, None
