# alternative: min(max(0, x), 6) with torch.maximum / torch.minimum (gradient 0.5 at the ties)
import torch


def relu6(x):
    zero = torch.zeros((), dtype=x.dtype, device=x.device)
    six = torch.full((), 6.0, dtype=x.dtype, device=x.device)
    return torch.minimum(torch.maximum(x, zero), six)
