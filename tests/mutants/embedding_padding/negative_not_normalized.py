# mutant: keeps a negative padding_idx as it is, so indices == -1 never matches
# expect: was not normalized
import torch
from torch import nn


class Embedding(nn.Module):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None):
        super().__init__()
        self.padding_idx = padding_idx
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))
        if padding_idx is not None:
            with torch.no_grad():
                self.weight[padding_idx] = 0.0

    def forward(self, indices):
        out = self.weight[indices]
        if self.padding_idx is not None:
            is_pad = (indices == self.padding_idx).unsqueeze(-1)
            out = torch.where(is_pad, out.detach(), out)
        return out
