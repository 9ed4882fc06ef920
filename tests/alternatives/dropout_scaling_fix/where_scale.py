# alternative: torch.where with a precomputed scale, and a copy in eval mode
import torch


def dropout(x, p, training, mask):
    if not training:
        return x.clone()
    scale = 1.0 / (1.0 - p)
    return torch.where(mask, x * scale, torch.zeros((), dtype=x.dtype, device=x.device))
