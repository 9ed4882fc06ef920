# mutant: builds the whole list of batches and returns it (not lazy)
# expect: write a generator function
def batches(data, batch_size, drop_last=False):
    items = list(data)
    out = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    if drop_last and out and len(out[-1]) < batch_size:
        out.pop()
    return out
