# mutant: calls x.contiguous() first so the strides are easy: a copy whenever x is not contiguous
# expect: not a view of x
import torch


def sliding_windows(x, size, step):
    x = x.contiguous()
    n = (x.shape[-1] - size) // step + 1
    st = x.stride()
    return torch.as_strided(x, (*x.shape[:-1], n, size), (*st[:-1], step * st[-1], st[-1]),
                            x.storage_offset())
