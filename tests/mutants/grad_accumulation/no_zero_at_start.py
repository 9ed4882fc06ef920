# mutant: never clears the stale .grad left by an earlier step
# expect: stale gradients already in .grad were not cleared
def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    n = inputs.shape[0]
    for s in range(0, n, micro_batch):
        xb, yb = inputs[s:s + micro_batch], targets[s:s + micro_batch]
        (loss_fn(model(xb), yb) * xb.shape[0] / n).backward()
