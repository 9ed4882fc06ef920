# mutant: recomputes F.layer_norm and asks autograd for the gradients
# expect: forbids
import torch
import torch.nn.functional as F


def layernorm_backward(grad_output, x, weight, eps=1e-5):
    with torch.enable_grad():
        xr = x.detach().requires_grad_(True)
        w = weight.detach().requires_grad_(True)
        b = torch.zeros_like(w, requires_grad=True)
        y = F.layer_norm(xr, (x.shape[-1],), w, b, eps)
        return torch.autograd.grad(y, (xr, w, b), grad_output)
