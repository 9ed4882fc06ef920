# mutant: forgets to divide the scores by sqrt(E)
# expect: not scaled
import torch


def grouped_query_attention(q, k, v, is_causal=False):
    G = q.shape[1] // k.shape[1]
    L, S = q.shape[-2], k.shape[-2]
    k = k.repeat_interleave(G, dim=1)
    v = v.repeat_interleave(G, dim=1)
    s = q @ k.transpose(-2, -1)
    if is_causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        s = s.masked_fill(~keep, float("-inf"))
    return torch.softmax(s, dim=-1) @ v
