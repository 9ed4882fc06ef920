# mutant: right values through NumPy, which cuts the autograd graph
# expect: no gradient
import numpy as np
import torch


def relu6(x):
    y = np.clip(x.detach().cpu().numpy(), 0.0, 6.0)
    return torch.from_numpy(y).to(x.device)
