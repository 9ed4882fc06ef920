# mutant: recomputes the forward and lets autograd differentiate it
# expect: forbids
import torch


def batchnorm_backward(grad_output, x, weight, eps=1e-5):
    dims = (0,) if x.dim() == 2 else (0, 2)
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)
    with torch.enable_grad():
        xr = x.detach().requires_grad_(True)
        w = weight.detach().requires_grad_(True)
        mean = xr.mean(dims, keepdim=True)
        var = ((xr - mean) ** 2).mean(dims, keepdim=True)
        y = (xr - mean) / torch.sqrt(var + eps) * w.reshape(view)
        gx, gw = torch.autograd.grad(y, (xr, w), grad_output)
    return gx, gw, grad_output.sum(dims)
