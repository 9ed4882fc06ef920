import torch
from torch import nn


class BatchNorm1d(nn.Module):
    """Moves the channel axis first and flattens: (N, C[, L]) -> (C, n), then torch.var_mean."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))

    def forward(self, x):
        c = x.shape[1]
        # (N, C) -> (C, N);  (N, C, L) -> (C, N, L) -> (C, N·L)
        flat = x.transpose(0, 1).reshape(c, -1)
        if self.training:
            var, mean = torch.var_mean(flat, dim=1, correction=0)       # (C,), (C,)
            with torch.no_grad():
                unbiased = torch.var(flat, dim=1, correction=1)
                self.running_mean.lerp_(mean, self.momentum)
                self.running_var.lerp_(unbiased, self.momentum)
                self.num_batches_tracked += 1
        else:
            mean, var = self.running_mean, self.running_var
        scale = self.weight * torch.rsqrt(var + self.eps)                # (C,)
        shift = self.bias - mean * scale                                  # (C,)
        out = flat * scale[:, None] + shift[:, None]                      # (C, n)
        # back to (C, N[, L]) then channel axis to position 1
        return out.reshape((c, x.shape[0]) + tuple(x.shape[2:])).transpose(0, 1)
