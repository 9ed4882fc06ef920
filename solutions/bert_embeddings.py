"""Reference: BERT's embedding block (Devlin et al., 2019), names as in the original checkpoints."""

import torch
from torch import nn


class BertEmbeddings(nn.Module):
    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2,
                 layer_norm_eps=1e-12, hidden_dropout_prob=0.1):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, hidden_size)                   # (V, H)
        self.position_embeddings = nn.Embedding(max_position_embeddings, hidden_size)  # (P, H), learned
        self.token_type_embeddings = nn.Embedding(type_vocab_size, hidden_size)        # (S, H)
        # BERT's eps is 1e-12: with embeddings of std 0.02 the variance of the sum is ~1e-3,
        # and the usual 1e-5 would already shift the normalization.
        self.LayerNorm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)
        self.dropout = nn.Dropout(hidden_dropout_prob)

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        # input_ids: (B, T)
        t = input_ids.shape[1]
        if position_ids is None:
            position_ids = torch.arange(t, device=input_ids.device).unsqueeze(0)   # (1, T)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)                           # segment A
        e = (self.word_embeddings(input_ids)                  # (B, T, H)
             + self.token_type_embeddings(token_type_ids)      # (B, T, H)
             + self.position_embeddings(position_ids))        # (1 or B, T, H), broadcast
        # Normalize the sum (each token over its H features), then dropout.
        return self.dropout(self.LayerNorm(e))                # (B, T, H)
