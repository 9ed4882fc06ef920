# mutant: variance as E[x²] − E[x]² (one pass), which cancels for a large mean
# expect: one-pass
import torch
from torch import nn


class BatchNorm1d(nn.Module):
    """Batch normalization over (N, C) or (N, C, L) input, like torch.nn.BatchNorm1d."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        # Learnable affine transform, initialised to the identity.
        self.weight = nn.Parameter(torch.ones(num_features))   # (C,)
        self.bias = nn.Parameter(torch.zeros(num_features))    # (C,)
        # Buffers, not Parameters: they are saved in state_dict() and follow .to(),
        # but the optimizer never sees them and they never need a gradient.
        self.register_buffer("running_mean", torch.zeros(num_features))  # (C,)
        self.register_buffer("running_var", torch.ones(num_features))    # (C,)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (N, C) or (N, C, L)
        if x.dim() not in (2, 3) or x.shape[1] != self.num_features:
            raise ValueError(f"expected (N, {self.num_features}) or (N, {self.num_features}, L), "
                             f"got {tuple(x.shape)}")
        # Statistics are per channel, over every other axis: N, and L when present.
        dims = (0,) if x.dim() == 2 else (0, 2)
        # How a (C,) vector broadcasts against x: (1, C) or (1, C, 1).
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1)

        if self.training:
            n = x.numel() // x.shape[1]                    # values per channel: N or N·L
            if n < 2:
                raise ValueError("need more than one value per channel in training mode")
            mean = x.mean(dim=dims, keepdim=True)          # (1, C) or (1, C, 1)
            # Two passes: subtract the mean *before* squaring. The one-pass E[x²] − E[x]²
            # cancels catastrophically when |mean| is much larger than the spread.
            var = (x * x).mean(dim=dims, keepdim=True) - mean * mean   # biased (÷ n), same shape
            # The running estimates are statistics, not part of the graph: no_grad keeps
            # them free of autograd history (otherwise every step would chain onto the last).
            with torch.no_grad():
                m = self.momentum
                # PyTorch convention: new = (1 − m)·old + m·batch.
                self.running_mean.mul_(1 - m).add_(mean.reshape(-1), alpha=m)
                # The running variance is an estimate of the population variance, so it
                # uses the unbiased batch variance (÷ (n − 1)).
                unbiased = var.reshape(-1) * (n / (n - 1))
                self.running_var.mul_(1 - m).add_(unbiased, alpha=m)
        else:
            # Eval: a fixed per-channel affine map from the running estimates; they do not change.
            mean = self.running_mean.reshape(shape)        # (1, C) or (1, C, 1)
            var = self.running_var.reshape(shape)

        # eps goes inside the square root: it bounds 1/std when a channel is near-constant.
        x_hat = (x - mean) / torch.sqrt(var + self.eps)    # same shape as x
        return x_hat * self.weight.reshape(shape) + self.bias.reshape(shape)
