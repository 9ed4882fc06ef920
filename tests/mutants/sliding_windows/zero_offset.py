# mutant: passes storage_offset=0, so a slice that starts mid-storage reads the wrong elements
# expect: start at the beginning of the storage
import torch


def sliding_windows(x, size, step):
    n = (x.shape[-1] - size) // step + 1
    st = x.stride()
    return torch.as_strided(x, (*x.shape[:-1], n, size), (*st[:-1], step * st[-1], st[-1]), 0)
