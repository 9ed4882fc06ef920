# mutant: saves the output y and takes sigmoid(beta * y) as the derivative
# expect: sigmoid to the saved output
import torch


class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta=1.0):
        z = beta * x
        y = (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / beta
        ctx.save_for_backward(y)
        ctx.beta = beta
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(ctx.beta * y), None
