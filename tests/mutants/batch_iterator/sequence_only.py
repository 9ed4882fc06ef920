# mutant: slices by index with len(data), which works for lists but not for generators
# expect: has no len()
def batches(data, batch_size, drop_last=False):
    stop = len(data) - len(data) % batch_size if drop_last else len(data)
    for i in range(0, stop, batch_size):
        yield list(data[i:i + batch_size])
