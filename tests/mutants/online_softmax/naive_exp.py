# mutant: streams the sum of exp(x) without any max subtraction
# expect: exp() overflowed
import torch


def online_softmax(x, block):
    N, D = x.shape
    l = torch.zeros(N, 1, dtype=x.dtype, device=x.device)
    for s in range(0, D, block):
        l = l + x[:, s:s + block].exp().sum(dim=-1, keepdim=True)
    return x.exp() / l
