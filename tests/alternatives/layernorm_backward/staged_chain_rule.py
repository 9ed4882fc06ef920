# alternative: the staged backward through var, then mean, then x
import torch


def layernorm_backward(grad_output, x, weight, eps=1e-5):
    d = x.shape[-1]
    mu = x.mean(-1, keepdim=True)
    xc = x - mu
    var = (xc * xc).mean(-1, keepdim=True)
    std = torch.sqrt(var + eps)
    xhat = xc / std
    dxhat = grad_output * weight
    dvar = -0.5 * (dxhat * xc).sum(-1, keepdim=True) / std ** 3
    dmu = -(dxhat / std).sum(-1, keepdim=True) - 2.0 * dvar * xc.mean(-1, keepdim=True)
    dx = dxhat / std + dvar * 2.0 * xc / d + dmu / d
    gw = (grad_output * xhat).flatten(0, -2).sum(0) if x.dim() > 1 else grad_output * xhat
    gb = grad_output.flatten(0, -2).sum(0) if x.dim() > 1 else grad_output.clone()
    return dx, gw, gb
