# mutant: backward uses sigmoid(x) instead of sigmoid(beta * x)
# expect: backward uses sigmoid(x)
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
        return grad_output * torch.sigmoid(x), None
