# mutant: sums over dim=tuple(range(x.dim() - 1)), which is dim=() for one (D,) row and reduces everything
# expect: shape () but expected
import torch


def layernorm_backward(grad_output, x, weight, eps=1e-5):
    lead = tuple(range(x.dim() - 1))
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    rstd = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mean) * rstd
    g_hat = grad_output * weight
    grad_x = rstd * (g_hat - g_hat.mean(-1, keepdim=True) - x_hat * (g_hat * x_hat).mean(-1, keepdim=True))
    return grad_x, (grad_output * x_hat).sum(lead), grad_output.sum(lead)
