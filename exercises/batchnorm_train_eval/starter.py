import torch
from torch import nn


class BatchNorm1d(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        """TODO: store eps and momentum; create
        - weight (C,) ones and bias (C,) zeros as nn.Parameter,
        - running_mean (C,) zeros and running_var (C,) ones with self.register_buffer.
        """
        super().__init__()
        raise NotImplementedError("TODO: BatchNorm1d.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """TODO: x is (N, C) or (N, C, L); return the same shape.

        Training mode (self.training): normalize with the batch mean and the *biased*
        batch variance over N (and L), then scale by weight and shift by bias; update
        running = (1 - momentum) * running + momentum * batch_stat without autograd
        history, using the *unbiased* variance for running_var.
        Eval mode: normalize with running_mean / running_var and leave them unchanged.
        """
        raise NotImplementedError("TODO: BatchNorm1d.forward")
