"""Reference: clip gradients by their global norm, as torch.nn.utils.clip_grad_norm_ does."""

import torch


def clip_grad_norm(parameters, max_norm: float, norm_type: float = 2.0) -> torch.Tensor:
    # A generator (model.parameters()) can be iterated only once: collect the gradients first.
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    norm_type = float(norm_type)
    # The norm of all gradients concatenated into one vector = the norm of their norms
    # (for inf: the max of the maxes). One number for the whole model.
    per_tensor = torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads])  # (P,)
    total_norm = torch.linalg.vector_norm(per_tensor, norm_type)                       # ()
    # Scale down only: the factor is clamped at 1. The 1e-6 guards against a zero norm.
    coef = torch.clamp(max_norm / (total_norm + 1e-6), max=1.0)
    with torch.no_grad():
        for g in grads:
            g.mul_(coef)                                 # in place: .grad is what the optimizer reads
    return total_norm                                    # the norm before clipping
