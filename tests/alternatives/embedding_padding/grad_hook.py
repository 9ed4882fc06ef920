# alternative: plain index_select, and a gradient hook on the weight that zeroes the padding row
import torch
from torch import nn


class Embedding(nn.Module):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None):
        super().__init__()
        if padding_idx is not None:
            padding_idx = padding_idx % num_embeddings
        self.padding_idx = padding_idx
        w = torch.empty(num_embeddings, embedding_dim).normal_()
        if padding_idx is not None:
            w[padding_idx] = 0
        self.weight = nn.Parameter(w)
        if padding_idx is not None:
            self.weight.register_hook(self._drop_pad_grad)

    def _drop_pad_grad(self, grad):
        grad = grad.clone()
        grad[self.padding_idx] = 0
        return grad

    def forward(self, indices):
        flat = self.weight.index_select(0, indices.reshape(-1).long())
        return flat.reshape(*indices.shape, self.weight.shape[1])
