# mutant: never yields the incomplete last batch, whatever drop_last says
# expect: dropped although drop_last=False
def batches(data, batch_size, drop_last=False):
    batch = []
    for item in data:
        batch.append(item)
        if len(batch) == batch_size:
            yield batch
            batch = []
