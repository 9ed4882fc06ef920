# mutant: builds the one-hot as if classes were 1-based (column target − 1)
# expect: shifted by one class
import torch


def cross_entropy_backward(logits, target):
    N, C = logits.shape
    p = torch.softmax(logits, dim=1)
    onehot = torch.eye(C, dtype=p.dtype, device=p.device)[target - 1]
    return (p - onehot) / N
