# mutant: divides by N·C, as if the mean ran over every logit
# expect: divided by N·C
import torch


def cross_entropy_backward(logits, target):
    p = torch.softmax(logits, dim=1)
    onehot = torch.nn.functional.one_hot(target, logits.shape[1]).to(p.dtype)
    return (p - onehot) / logits.numel()
