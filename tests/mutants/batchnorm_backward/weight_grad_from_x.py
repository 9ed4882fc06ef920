# mutant: grad_weight computed as sum(g * x) instead of sum(g * x_hat)
# expect: from x instead of x̂
import torch


def batchnorm_backward(grad_output, x, weight, eps=1e-5):
    dims = (0,) if x.dim() == 2 else (0, 2)
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)
    mean = x.mean(dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dims, keepdim=True)
    rstd = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mean) * rstd
    g_hat = grad_output * weight.reshape(view)
    grad_x = rstd * (g_hat - g_hat.mean(dims, keepdim=True) - x_hat * (g_hat * x_hat).mean(dims, keepdim=True))
    return grad_x, (grad_output * x).sum(dims), grad_output.sum(dims)
