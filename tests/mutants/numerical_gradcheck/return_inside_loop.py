# mutant: the return is indented into the loop, so only the first element is computed
# expect: only the first element
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
        grad[i] = (up - down) / (2 * eps)
        return grad.reshape(x.shape)
