# mutant: calls zero_grad() between backward() and step(), so nothing is ever updated
# expect: never move
import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses
