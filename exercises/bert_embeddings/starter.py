"""BERT embeddings: token + segment + position, then LayerNorm and dropout.

Run `dlquiz run bert_embeddings` to test, `dlquiz hint bert_embeddings` for a hint.
"""

import torch
from torch import nn


class BertEmbeddings(nn.Module):
    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2,
                 layer_norm_eps=1e-12, hidden_dropout_prob=0.1):
        super().__init__()
        # TODO: word_embeddings, position_embeddings, token_type_embeddings, LayerNorm, dropout
        raise NotImplementedError("BertEmbeddings.__init__ is not written yet")

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        # TODO: (B, T) -> (B, T, hidden_size)
        raise NotImplementedError("BertEmbeddings.forward is not written yet")
