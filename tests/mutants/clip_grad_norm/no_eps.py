# mutant: scales by max_norm / total_norm, without PyTorch's + 1e-6
# expect: the 1e-6 is missing
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads]), norm_type)
    coef = torch.clamp(max_norm / total, max=1.0)
    with torch.no_grad():
        for g in grads:
            g.mul_(coef)
    return total
