"""Reference: embedding lookup whose padding row is returned but never trained."""

import torch
from torch import nn


class Embedding(nn.Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None):
        super().__init__()
        if padding_idx is not None:
            if not -num_embeddings <= padding_idx < num_embeddings:
                raise ValueError(f"padding_idx must be in [-{num_embeddings}, {num_embeddings})")
            if padding_idx < 0:
                padding_idx += num_embeddings     # Python-style negative index -> row number
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.padding_idx = padding_idx
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))  # (V, D)
        if padding_idx is not None:
            with torch.no_grad():                 # an init choice, not part of the graph
                self.weight[padding_idx].zero_()

    def forward(self, indices: torch.Tensor) -> torch.Tensor:
        # indices: (*) integer ids -> (*, D)
        out = self.weight[indices]
        if self.padding_idx is not None:
            # Same values, but lookups of the padding row are cut from the graph, so that
            # row never gets gradient (whatever its value, e.g. after loading a checkpoint).
            is_pad = (indices == self.padding_idx).unsqueeze(-1)   # (*, 1)
            out = torch.where(is_pad, out.detach(), out)
        return out
