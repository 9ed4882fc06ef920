# mutant: loops over x.shape[0] and perturbs x[i], which is a whole row for a multi-dim x
# expect: perturbed a row at a time
import torch


def numerical_grad(f, x, eps=1e-6):
    xs = x.detach().clone()
    if xs.dim() == 0:
        xs = xs.reshape(1)
    grad = torch.zeros_like(xs)
    for i in range(xs.shape[0]):
        old = xs[i].clone()
        xs[i] = old + eps
        up = f(xs.reshape(x.shape)).item()
        xs[i] = old - eps
        down = f(xs.reshape(x.shape)).item()
        xs[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad.reshape(x.shape)
