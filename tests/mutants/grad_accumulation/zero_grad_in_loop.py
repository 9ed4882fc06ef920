# mutant: calls zero_grad at the top of every micro-batch, wiping the earlier ones
# expect: zeroed inside the loop
def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    n = inputs.shape[0]
    for s in range(0, n, micro_batch):
        model.zero_grad()
        xb, yb = inputs[s:s + micro_batch], targets[s:s + micro_batch]
        (loss_fn(model(xb), yb) * xb.shape[0] / n).backward()
