# Heads kept as (B, 1, H, D) with einsum; the new cache is a fresh tensor filled by slicing
# (the given cache is only read), and a hand-written stable softmax.
import torch


def decode_step(x_t, cache, w_q, w_k, w_v, num_heads):
    B, _, E = x_t.shape
    H, D = num_heads, E // num_heads
    q = torch.einsum("bte,fe->btf", x_t, w_q).view(B, H, D)
    k = torch.einsum("bte,fe->btf", x_t, w_k).view(B, H, D)
    v = torch.einsum("bte,fe->btf", x_t, w_v).view(B, H, D)
    past = 0 if cache is None else cache[0].shape[2]
    k_new = x_t.new_empty(B, H, past + 1, D)
    v_new = x_t.new_empty(B, H, past + 1, D)
    if cache is not None:
        k_new[:, :, :past] = cache[0]
        v_new[:, :, :past] = cache[1]
    k_new[:, :, past] = k
    v_new[:, :, past] = v
    s = torch.einsum("bhd,bhtd->bht", q, k_new) / D ** 0.5
    w = torch.exp(s - s.max(dim=-1, keepdim=True).values)
    w = w / w.sum(dim=-1, keepdim=True)
    y = torch.einsum("bht,bhtd->bhd", w, v_new)
    return y.reshape(B, 1, E), (k_new, v_new)
