# alternative: pull each batch with itertools.islice from one shared iterator
from itertools import islice


def batches(data, batch_size, drop_last=False):
    it = iter(data)
    while True:
        batch = list(islice(it, batch_size))
        if not batch or (drop_last and len(batch) < batch_size):
            return
        yield batch
