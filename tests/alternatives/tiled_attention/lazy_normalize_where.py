# Online softmax over key blocks written with separate max/rescale steps; causal tiles are
# masked through an additive -inf bias, and tiles entirely above the diagonal are skipped.
import torch


def tiled_attention(q, k, v, block_size=64, is_causal=False):
    *lead, L, E = q.shape
    S = k.shape[-2]
    scale = E ** -0.5
    qs = q * scale
    m = None
    for s in range(0, S, block_size):
        if is_causal and s > L - 1:
            break                                   # no query can see these keys
        e = min(s + block_size, S)
        t = torch.einsum("...le,...se->...ls", qs, k[..., s:e, :])
        if is_causal:
            i = torch.arange(L, device=q.device).unsqueeze(1)
            j = torch.arange(s, e, device=q.device).unsqueeze(0)
            t = t + torch.where(j > i, float("-inf"), 0.0).to(t.dtype)
        bm = t.max(dim=-1, keepdim=True).values
        if m is None:
            m = bm
            p = torch.exp(t - m)
            l = p.sum(dim=-1, keepdim=True)
            acc = p @ v[..., s:e, :]
            continue
        new = torch.maximum(m, bm)
        c = torch.exp(m - new)
        p = torch.exp(t - new)
        l = c * l + p.sum(dim=-1, keepdim=True)
        acc = c * acc + p @ v[..., s:e, :]
        m = new
    return acc / l
