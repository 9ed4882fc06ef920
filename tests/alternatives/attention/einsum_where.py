# alternative: einsum for both products, masks turned into a keep/bias pair, and a
# hand-written softmax that zeroes dropped keys with torch.where.
import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    scores = torch.einsum("...le,...se->...ls", q, k) / E ** 0.5
    if is_causal:
        i = torch.arange(L, device=q.device)[:, None]
        j = torch.arange(S, device=q.device)[None, :]
        scores = torch.where(j <= i, scores, torch.tensor(float("-inf"), dtype=q.dtype, device=q.device))
    elif attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = torch.where(attn_mask, scores, torch.tensor(float("-inf"), dtype=q.dtype, device=q.device))
    elif attn_mask is not None:
        scores = scores + attn_mask
    top = scores.max(dim=-1, keepdim=True).values
    w = torch.exp(scores - top)
    w = w / w.sum(dim=-1, keepdim=True)
    return torch.einsum("...ls,...sv->...lv", w, v)
