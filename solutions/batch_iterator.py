"""Reference: a generator that fills one list at a time from any iterable."""

from typing import Iterable, Iterator


def batches(data: Iterable, batch_size: int, drop_last: bool = False) -> Iterator[list]:
    # `yield` makes this a generator: nothing runs until the first batch is asked for, and
    # each batch is produced after reading exactly batch_size items. No len(), no slicing,
    # so one-shot iterators work too.
    batch = []
    for item in data:
        batch.append(item)
        if len(batch) == batch_size:
            yield batch
            batch = []          # a NEW list: the caller may still hold the one just yielded
    # What is left is the incomplete last batch (never empty here unless data ran out exactly).
    if batch and not drop_last:
        yield batch
