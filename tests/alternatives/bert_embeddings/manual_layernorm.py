# alternative: raw Parameters in Embedding/LayerNorm-shaped containers, lookups by indexing and
# a hand-written LayerNorm (biased variance, eps inside the square root)
import torch
import torch.nn.functional as F
from torch import nn


class _Table(nn.Module):
    def __init__(self, n, h):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n, h) * 0.02)


class _Norm(nn.Module):
    def __init__(self, h, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(h))
        self.bias = nn.Parameter(torch.zeros(h))
        self.eps = eps

    def forward(self, x):
        mu = x.mean(-1, keepdim=True)
        var = (x - mu).pow(2).mean(-1, keepdim=True)
        return (x - mu) * torch.rsqrt(var + self.eps) * self.weight + self.bias


class BertEmbeddings(nn.Module):
    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2,
                 layer_norm_eps=1e-12, hidden_dropout_prob=0.1):
        super().__init__()
        self.word_embeddings = _Table(vocab_size, hidden_size)
        self.position_embeddings = _Table(max_position_embeddings, hidden_size)
        self.token_type_embeddings = _Table(type_vocab_size, hidden_size)
        self.LayerNorm = _Norm(hidden_size, layer_norm_eps)
        self.p = hidden_dropout_prob
        self.register_buffer("position_ids", torch.arange(max_position_embeddings)[None], persistent=False)

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        b, t = input_ids.shape
        pos = self.position_ids[:, :t] if position_ids is None else position_ids
        e = self.word_embeddings.weight[input_ids] + self.position_embeddings.weight[pos]
        if token_type_ids is None:
            e = e + self.token_type_embeddings.weight[0]
        else:
            e = e + self.token_type_embeddings.weight[token_type_ids]
        y = self.LayerNorm(e)
        if self.training and self.p > 0:
            keep = torch.rand_like(y) >= self.p
            y = y * keep / (1 - self.p)
        return y
