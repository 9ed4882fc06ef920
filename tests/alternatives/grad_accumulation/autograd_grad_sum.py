# alternative: torch.autograd.grad per micro-batch, summed by hand and written into .grad at the end
import torch


def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    params = [p for p in model.parameters() if p.requires_grad]
    total = [torch.zeros_like(p) for p in params]
    n = inputs.shape[0]
    for xb, yb in zip(torch.split(inputs, micro_batch), torch.split(targets, micro_batch)):
        grads = torch.autograd.grad(loss_fn(model(xb), yb), params)
        for acc, g in zip(total, grads):
            acc.add_(g, alpha=xb.shape[0] / n)
    for p, g in zip(params, total):
        p.grad = g
