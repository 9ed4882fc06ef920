# mutant: strides from the shape, as if x were contiguous (breaks on slices and transposes)
# expect: assume x is contiguous
import torch


def sliding_windows(x, size, step):
    T = x.shape[-1]
    n = (T - size) // step + 1
    lead, acc = [], T
    for d in reversed(x.shape[:-1]):
        lead.insert(0, acc)
        acc *= d
    return torch.as_strided(x, (*x.shape[:-1], n, size), (*lead, step, 1), x.storage_offset())
