"""Reference: sliding windows as a strided view of x's own storage."""

import torch


def sliding_windows(x: torch.Tensor, size: int, step: int) -> torch.Tensor:
    # x: (..., T), possibly non-contiguous and starting at a storage offset.
    T = x.shape[-1]
    n = (T - size) // step + 1                      # windows start at 0, step, ..., (n-1)*step
    st = x.stride()                                 # in elements of the storage
    shape = (*x.shape[:-1], n, size)                # (..., n, size)
    # Leading dims move as in x; the next window is `step` elements of x further on, i.e.
    # step * st[-1] in storage; the next element of a window is st[-1] further on.
    strides = (*st[:-1], step * st[-1], st[-1])
    # The offset is counted from the start of the storage, so the view starts where x does.
    return torch.as_strided(x, shape, strides, x.storage_offset())
