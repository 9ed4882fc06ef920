# mutant: counts the windows as (T - size) // step, forgetting the window at position 0
# expect: one window too few
import torch


def sliding_windows(x, size, step):
    n = (x.shape[-1] - size) // step
    st = x.stride()
    return torch.as_strided(x, (*x.shape[:-1], n, size), (*st[:-1], step * st[-1], st[-1]),
                            x.storage_offset())
