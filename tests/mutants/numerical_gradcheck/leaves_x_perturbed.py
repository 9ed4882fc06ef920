# mutant: perturbs x itself and never puts the element back (it is left at x_i - eps)
# expect: leaves x changed
import torch


def numerical_grad(f, x, eps=1e-6):
    flat = x.view(-1) if x.is_contiguous() else None
    if flat is None:
        x = x.contiguous()  # (a copy: then the caller's x is not touched at all)
        flat = x.view(-1)
    grad = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
    for i in range(flat.numel()):
        flat[i] += eps
        up = f(x).item()
        flat[i] -= 2 * eps
        down = f(x).item()
        grad[i] = (up - down) / (2 * eps)
    return grad.reshape(x.shape)
