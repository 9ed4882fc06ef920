# mutant: one-sided forward difference (f(x + eps) - f(x)) / eps
# expect: forward difference
import torch


def numerical_grad(f, x, eps=1e-6):
    xs = x.detach().clone().contiguous()
    flat = xs.view(-1)
    grad = torch.zeros_like(flat)
    base = f(xs).item()
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + eps
        grad[i] = (f(xs).item() - base) / eps
        flat[i] = old
    return grad.reshape(x.shape)
