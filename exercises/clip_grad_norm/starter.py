"""Clip gradients by their global norm, like torch.nn.utils.clip_grad_norm_.

Run `dlquiz run clip_grad_norm` to test, `dlquiz hint clip_grad_norm` for a hint.
"""

import torch


def clip_grad_norm(parameters, max_norm: float, norm_type: float = 2.0) -> torch.Tensor:
    # parameters: an iterable of tensors (maybe a one-shot generator); some .grad may be None.
    # TODO: scale every .grad in place when needed; return the total norm before clipping.
    raise NotImplementedError("clip_grad_norm is not written yet")
