# mutant: onehot − softmax (the gradient of the log-likelihood, not of the loss)
# expect: the sign is flipped
import torch


def cross_entropy_backward(logits, target):
    p = torch.softmax(logits, dim=1)
    onehot = torch.nn.functional.one_hot(target, logits.shape[1]).to(p.dtype)
    return (onehot - p) / logits.shape[0]
