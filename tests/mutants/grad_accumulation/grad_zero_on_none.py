# mutant: clears with p.grad.zero_(), which fails when .grad is None on a fresh model
# expect: NoneType
def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    n = inputs.shape[0]
    for p in model.parameters():
        p.grad.zero_()
    for s in range(0, n, micro_batch):
        xb, yb = inputs[s:s + micro_batch], targets[s:s + micro_batch]
        (loss_fn(model(xb), yb) * xb.shape[0] / n).backward()
