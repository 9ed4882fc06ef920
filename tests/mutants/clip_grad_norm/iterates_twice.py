# mutant: loops over `parameters` twice, which finds a generator empty the second time
# expect: iterated twice
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    norms = [torch.linalg.vector_norm(p.grad, norm_type) for p in parameters if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack(norms), norm_type)
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p.grad.mul_(coef)
    return total
