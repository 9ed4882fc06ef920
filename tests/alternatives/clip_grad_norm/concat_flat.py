# alternative: concatenate every gradient into one flat vector, take its norm, scale with torch.where
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    params = list(parameters)
    grads = [p.grad for p in params if p.grad is not None]
    flat = torch.cat([g.reshape(-1) for g in grads])
    if norm_type == float("inf"):
        total = flat.abs().max()
    else:
        total = flat.abs().pow(norm_type).sum().pow(1.0 / norm_type)
    coef = max_norm / (total + 1e-6)
    coef = torch.where(coef < 1, coef, torch.ones_like(coef))
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p.grad *= coef
    return total
