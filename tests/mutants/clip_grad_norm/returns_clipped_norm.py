# mutant: returns the norm recomputed after clipping instead of the original total norm
# expect: the one after clipping
import torch


def _total(grads, norm_type):
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads]), norm_type)


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    grads = [p.grad for p in parameters if p.grad is not None]
    coef = torch.clamp(max_norm / (_total(grads, norm_type) + 1e-6), max=1.0)
    with torch.no_grad():
        for g in grads:
            g.mul_(coef)
    return _total(grads, norm_type)
