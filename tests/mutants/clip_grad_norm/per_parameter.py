# mutant: clips each gradient by its own norm instead of the global one
# expect: clipped by its own norm
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    grads = [p.grad for p in parameters if p.grad is not None]
    norms = [torch.linalg.vector_norm(g, norm_type) for g in grads]
    with torch.no_grad():
        for g, n in zip(grads, norms):
            g.mul_(torch.clamp(max_norm / (n + 1e-6), max=1.0))
    return torch.linalg.vector_norm(torch.stack(norms), norm_type)
