# alternative: concatenate the heads along the feature dim
import torch


def merge_heads(x):
    # unbind(1) gives H tensors of (B, T, D); cat puts head h at features [h*D, (h+1)*D).
    return torch.cat(x.unbind(1), dim=-1)
