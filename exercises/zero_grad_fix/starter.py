"""A small training loop that does not learn what it should.

Run `dlquiz run zero_grad_fix`, compare the losses with what you expect, and fix `train`.
"""

import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    """Train `model` with SGD on MSE for `steps` steps; return the loss of every step."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
