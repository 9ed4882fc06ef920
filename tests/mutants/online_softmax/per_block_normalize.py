# mutant: normalizes every block by its own max and sum instead of the whole row's
# expect: normalized on its own
import torch


def online_softmax(x, block):
    outs = []
    for s in range(0, x.shape[1], block):
        xb = x[:, s:s + block]
        e = torch.exp(xb - xb.amax(dim=-1, keepdim=True))
        outs.append(e / e.sum(dim=-1, keepdim=True))
    return torch.cat(outs, dim=1)
