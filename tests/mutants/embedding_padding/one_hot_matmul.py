# mutant: one-hot matrix product; the padding row's one-hot column still carries gradient
# expect: padding row received gradient
import torch
import torch.nn.functional as F
from torch import nn


class Embedding(nn.Module):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None):
        super().__init__()
        if padding_idx is not None and padding_idx < 0:
            padding_idx += num_embeddings
        self.num_embeddings = num_embeddings
        self.padding_idx = padding_idx
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))
        if padding_idx is not None:
            with torch.no_grad():
                self.weight[padding_idx].fill_(0)

    def forward(self, indices):
        onehot = F.one_hot(indices.long(), self.num_embeddings).to(self.weight.dtype)  # (*, V)
        return onehot @ self.weight
