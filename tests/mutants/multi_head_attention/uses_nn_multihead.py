# mutant: delegates to an nn.MultiheadAttention built from the four projections
# expect: calls torch.nn.MultiheadAttention
import torch
from torch import nn
class MultiHeadAttention(nn.Module):
    def __init__(self, E, H, bias=True):
        super().__init__()
        self.E, self.H, self.bias = E, H, bias
        self.q_proj = nn.Linear(E, E, bias=bias); self.k_proj = nn.Linear(E, E, bias=bias); self.v_proj = nn.Linear(E, E, bias=bias)
        self.out_proj = nn.Linear(E, E, bias=bias)
    def forward(self, q, k, v, key_padding_mask=None, attn_mask=None, need_weights=False):
        m = nn.MultiheadAttention(self.E, self.H, bias=self.bias, batch_first=True, dtype=q.dtype).eval()
        with torch.no_grad():
            m.in_proj_weight.copy_(torch.cat([self.q_proj.weight, self.k_proj.weight, self.v_proj.weight]))
            m.out_proj.weight.copy_(self.out_proj.weight)
            if self.bias:
                m.in_proj_bias.copy_(torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]))
                m.out_proj.bias.copy_(self.out_proj.bias)
        return m(q, k, v, key_padding_mask=key_padding_mask, attn_mask=attn_mask, need_weights=need_weights)
