"""Embedding with padding_idx as an nn.Module.

weight (num_embeddings, embedding_dim); forward looks up rows; row padding_idx starts at
zero and never receives gradient. Run `dlquiz run embedding_padding` to test,
`dlquiz hint embedding_padding` for a hint.
"""

import torch
from torch import nn


class Embedding(nn.Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None):
        super().__init__()
        # TODO: self.weight, self.padding_idx (normalized), zero padding row.
        raise NotImplementedError("Embedding.__init__ is not written yet")

    def forward(self, indices: torch.Tensor) -> torch.Tensor:
        # TODO: (*indices.shape) -> (*indices.shape, embedding_dim)
        raise NotImplementedError("Embedding.forward is not written yet")
