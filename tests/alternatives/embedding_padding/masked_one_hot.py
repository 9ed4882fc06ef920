# alternative: one-hot product where the padding column is split off and detached
import torch
import torch.nn.functional as F
from torch import nn


class Embedding(nn.Module):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None):
        super().__init__()
        if padding_idx is not None and padding_idx < 0:
            padding_idx = num_embeddings + padding_idx
        self.padding_idx = padding_idx
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))
        if padding_idx is not None:
            with torch.no_grad():
                self.weight[padding_idx] = torch.zeros(embedding_dim)

    def forward(self, indices):
        v = self.weight.shape[0]
        onehot = F.one_hot(indices.long(), v).to(self.weight.dtype)      # (*, V)
        if self.padding_idx is None:
            return onehot @ self.weight
        # rows other than padding get the ordinary product; the padding row a detached copy
        keep = torch.ones(v, 1, dtype=self.weight.dtype, device=self.weight.device)
        keep[self.padding_idx] = 0
        w = self.weight * keep + self.weight.detach() * (1 - keep)       # same values, no pad grad
        return onehot @ w
