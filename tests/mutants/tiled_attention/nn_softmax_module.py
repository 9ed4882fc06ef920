# mutant: tiles the keys for the scores but normalizes the whole row with an nn.Softmax module
# expect: calls torch.nn.functional.softmax
import math

import torch


def tiled_attention(q, k, v, block_size=64, is_causal=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    tiles = []
    for s in range(0, S, block_size):
        t = q @ k[..., s:s + block_size, :].transpose(-2, -1) / math.sqrt(E)
        if is_causal:
            cols = torch.arange(s, s + t.shape[-1], device=q.device)[None, :]
            t = t.masked_fill(cols > torch.arange(L, device=q.device)[:, None], float("-inf"))
        tiles.append(t)
    return torch.nn.Softmax(dim=-1)(torch.cat(tiles, dim=-1)) @ v
