# alternative: the staged computational-graph backward (dvar, dmean, then dx), as in CS231n
import torch


def batchnorm_backward(grad_output, x, weight, eps=1e-5):
    dims = (0,) if x.dim() == 2 else (0, 2)
    view = (1, -1) if x.dim() == 2 else (1, -1, 1)
    n = x.numel() // x.shape[1]
    mu = x.mean(dims, keepdim=True)
    xc = x - mu
    var = (xc * xc).mean(dims, keepdim=True)
    std = torch.sqrt(var + eps)
    xhat = xc / std
    dxhat = grad_output * weight.reshape(view)
    dvar = (dxhat * xc).sum(dims, keepdim=True) * (-0.5) * std ** -3
    dmu = -(dxhat / std).sum(dims, keepdim=True) + dvar * (-2.0 / n) * xc.sum(dims, keepdim=True)
    dx = dxhat / std + dvar * 2.0 * xc / n + dmu / n
    return dx, (grad_output * xhat).sum(dims), grad_output.sum(dims)
