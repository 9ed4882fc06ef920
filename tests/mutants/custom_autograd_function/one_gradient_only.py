# mutant: backward returns only grad_x, but forward has two inputs (x and beta)
# expect: incorrect number of gradients
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
        return grad_output * torch.sigmoid(ctx.beta * x)
