# mutant: computes the right number through NumPy, cutting the autograd graph
# expect: loss_is_connected_to_logits
import numpy as np
import torch


def loss_from_model(model_output_logits, target):
    x = model_output_logits.detach().cpu().numpy()
    m = x.max(axis=1, keepdims=True)
    logp = x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))
    picked = np.take_along_axis(logp, target.cpu().numpy()[:, None], axis=1)
    return torch.tensor(-picked.mean(), dtype=model_output_logits.dtype, device=model_output_logits.device)
