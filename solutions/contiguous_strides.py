"""Reference: row-major strides, counted in elements, the way PyTorch allocates."""


def contiguous_strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    # Walk from the last dim (stride 1) to the first. Stepping once along dim d skips one
    # whole block of the dims after it, so stride[d] = stride[d+1] * shape[d+1].
    # PyTorch uses max(size, 1): a size-0 dim holds no elements, and it does not turn the
    # strides in front of it into 0 (torch.empty(2, 0, 3).stride() == (3, 3, 1)).
    strides = []
    acc = 1
    for size in reversed(shape):
        strides.append(acc)
        acc *= max(size, 1)
    return tuple(reversed(strides))  # () for a 0-d shape
