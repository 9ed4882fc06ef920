# Index the kv heads with h // G (a gather), einsum scores, a hand-written stable softmax.
import torch


def grouped_query_attention(q, k, v, is_causal=False):
    B, Hq, L, E = q.shape
    Hkv, S = k.shape[1], k.shape[2]
    idx = torch.arange(Hq, device=q.device) // (Hq // Hkv)
    kk, vv = k[:, idx], v[:, idx]
    s = torch.einsum("bhle,bhse->bhls", q, kk) / E ** 0.5
    if is_causal:
        s = s.masked_fill(torch.ones(L, S, dtype=torch.bool, device=q.device).triu(1), float("-inf"))
    w = torch.exp(s - s.amax(-1, keepdim=True))
    return torch.einsum("bhls,bhsv->bhlv", w / w.sum(-1, keepdim=True), vv)
