# mutant: scales the logits by 1/E instead of 1/sqrt(E)
# expect: scaled the logits by 1/E
import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    scores = q @ k.transpose(-2, -1) / E
    if is_causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
        scores = scores.masked_fill(~keep, float("-inf"))
    elif attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask
    return torch.softmax(scores, dim=-1) @ v
