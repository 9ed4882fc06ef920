# mutant: scales by max_norm / (total + 1e-6) without clamping at 1, so small gradients grow
# expect: scaled even though the total norm is below max_norm
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads]), norm_type)
    with torch.no_grad():
        for g in grads:
            g.mul_(max_norm / (total + 1e-6))
    return total
