# mutant: chunks the features into heads and stacks them: right values, but stack copies
# expect: not a view of x
import torch


def split_heads(x, num_heads):
    return torch.stack(x.chunk(num_heads, dim=-1), dim=1)
