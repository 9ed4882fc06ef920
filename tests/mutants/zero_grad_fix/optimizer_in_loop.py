# mutant: builds a fresh optimizer every step (zero_grad is right, but momentum is lost)
# expect: momentum buffer
import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    losses = []
    for step in range(steps):
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
        optimizer.zero_grad()
        x, y = batches[step % len(batches)]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
