# alternative: move C last, flatten to an (n, C) matrix and use the n·g − Σg − x̂·Σ(g·x̂) form
import torch


def batchnorm_backward(grad_output, x, weight, eps=1e-5):
    c = x.shape[1]
    if x.dim() == 3:
        xs = x.transpose(1, 2).reshape(-1, c)            # (N·L, C)
        gs = grad_output.transpose(1, 2).reshape(-1, c)
    else:
        xs, gs = x, grad_output                          # (N, C)
    n = xs.shape[0]
    mu = xs.sum(0) / n                                   # (C,)
    d = xs - mu
    var = (d * d).sum(0) / n
    inv = 1.0 / torch.sqrt(var + eps)
    xh = d * inv                                         # (n, C)
    gb = gs.sum(0)
    gw = (gs * xh).sum(0)
    gx = (weight * inv / n) * (n * gs - gb - xh * gw)   # uses Σg = gb and Σ g·x̂ = gw
    if x.dim() == 3:
        gx = gx.reshape(x.shape[0], x.shape[2], c).transpose(1, 2)
    return gx, gw, gb
