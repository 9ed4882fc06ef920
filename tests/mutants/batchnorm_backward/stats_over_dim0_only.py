# mutant: for (N, C, L) takes the statistics over dim 0 only (per position, not per channel)
# expect: over dim 0 only
import torch


def batchnorm_backward(grad_output, x, weight, eps=1e-5):
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)
    mean = x.mean(0, keepdim=True)
    var = ((x - mean) ** 2).mean(0, keepdim=True)
    rstd = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mean) * rstd
    g_hat = grad_output * weight.reshape(view)
    grad_x = rstd * (g_hat - g_hat.mean(0, keepdim=True) - x_hat * (g_hat * x_hat).mean(0, keepdim=True))
    # the parameters are per channel, so their gradients do sum over L
    red = (0,) if x.dim() == 2 else (0, 2)
    return grad_x, (grad_output * x_hat).sum(red), grad_output.sum(red)
