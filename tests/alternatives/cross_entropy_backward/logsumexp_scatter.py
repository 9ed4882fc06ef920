# alternative: softmax as exp(x − logsumexp(x)), one-hot subtracted with index_put on a copy
import torch


def cross_entropy_backward(logits, target):
    N = logits.shape[0]
    g = torch.exp(logits - torch.logsumexp(logits, dim=1, keepdim=True))   # (N, C) softmax
    rows = torch.arange(N, device=logits.device)
    g = g.index_put((rows, target), torch.tensor(-1.0, dtype=g.dtype, device=g.device), accumulate=True)
    return g / N
