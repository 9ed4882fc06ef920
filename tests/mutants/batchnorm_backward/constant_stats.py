# mutant: treats the batch mean and variance as constants (drops the mean-gradient terms)
# expect: treated as constants
import torch


def batchnorm_backward(grad_output, x, weight, eps=1e-5):
    dims = (0,) if x.dim() == 2 else (0, 2)
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)
    mean = x.mean(dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dims, keepdim=True)
    rstd = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mean) * rstd
    grad_x = grad_output * weight.reshape(view) * rstd
    return grad_x, (grad_output * x_hat).sum(dims), grad_output.sum(dims)
