# alternative: count items with enumerate and cut a batch when the count hits a multiple
def batches(data, batch_size, drop_last=False):
    batch = None
    for i, item in enumerate(data):
        if i % batch_size == 0:
            batch = []
        batch.append(item)
        if len(batch) == batch_size:
            yield batch
    if batch is not None and len(batch) < batch_size and not drop_last:
        yield batch
