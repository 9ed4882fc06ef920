# mutant: slices every window in a loop and stacks them: right values, but a copy
# expect: not a view of x
import torch


def sliding_windows(x, size, step):
    n = (x.shape[-1] - size) // step + 1
    return torch.stack([x[..., i * step:i * step + size] for i in range(n)], dim=-2)
