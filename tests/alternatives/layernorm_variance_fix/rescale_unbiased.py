import torch


def layer_norm(x, weight, bias, eps=1e-5):
    # keep the notes' unbiased var and undo the correction: biased = unbiased · (D − 1) / D
    d = x.shape[-1]
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True) * (d - 1) / d
    return (x - mean) / torch.sqrt(var + eps) * weight + bias
