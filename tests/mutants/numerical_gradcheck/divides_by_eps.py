# mutant: central difference divided by eps instead of 2 * eps
# expect: divide f(x + eps) − f(x − eps) by 2·eps
import torch


def numerical_grad(f, x, eps=1e-6):
    xs = x.detach().clone().contiguous()
    flat = xs.view(-1)
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + eps
        up = f(xs).item()
        flat[i] = old - eps
        down = f(xs).item()
        flat[i] = old
        grad[i] = (up - down) / eps
    return grad.reshape(x.shape)
