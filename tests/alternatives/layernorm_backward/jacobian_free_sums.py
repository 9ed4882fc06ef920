# alternative: the D·ĝ − Σĝ − x̂·Σ(ĝ·x̂) form on a flattened (rows, D) copy, with einsum sums
import torch


def layernorm_backward(grad_output, x, weight, eps=1e-5):
    d = x.shape[-1]
    xs = x.reshape(-1, d)                              # (R, D)
    gs = grad_output.reshape(-1, d)
    mu = xs.sum(1, keepdim=True) / d
    xc = xs - mu
    var = torch.einsum("rd,rd->r", xc, xc).unsqueeze(1) / d
    inv = (var + eps) ** -0.5                          # (R, 1)
    xh = xc * inv
    gh = gs * weight
    s1 = gh.sum(1, keepdim=True)
    s2 = torch.einsum("rd,rd->r", gh, xh).unsqueeze(1)
    gx = inv / d * (d * gh - s1 - xh * s2)
    gw = torch.einsum("rd,rd->d", gs, xh)
    gb = gs.sum(0)
    return gx.reshape(x.shape), gw, gb
