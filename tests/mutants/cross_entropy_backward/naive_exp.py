# mutant: softmax by hand without subtracting the row max
# expect: exp() overflowed
import torch


def cross_entropy_backward(logits, target):
    N, C = logits.shape
    e = torch.exp(logits)
    p = e / e.sum(dim=1, keepdim=True)
    onehot = torch.nn.functional.one_hot(target, C).to(p.dtype)
    return (p - onehot) / N
