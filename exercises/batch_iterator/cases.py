"""Hidden cases for batch_iterator.

The batches are checked against torch.utils.data.DataLoader (no shuffling, batch_size,
drop_last, collate_fn=list) reading the same items as an IterableDataset. On top of the
batches, call() checks that the result is an iterator (not a ready-made list), that it
reads its input lazily (a counting iterator records how many items had been pulled when
the first batch came out), and that every batch is a list object of its own.
"""

import random

import torch
from torch.utils.data import DataLoader, IterableDataset

SOURCES = ("list", "range", "generator", "tuple", "string")


def random_params(rng: random.Random, index: int) -> dict:
    bs = rng.randint(1, 7)
    n = rng.choice((0, rng.randint(1, bs), rng.randint(bs, 6 * bs), bs * rng.randint(1, 5)))
    drop = (None, False, True)[index % 3]
    return {"n": n, "batch_size": bs, "drop_last": drop, "source": SOURCES[index % len(SOURCES)],
            "start": rng.randint(0, 50)}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, start = int(params["n"]), int(params.get("start", 0))
    source = params.get("source", "list")
    if source == "string":
        letters = "abcdefghijklmnopqrstuvwxyz"
        items = [letters[(start + i) % 26] for i in range(n)]
    else:
        items = list(range(start, start + n))
    drop = params.get("drop_last")
    kwargs = {} if drop is None else {"drop_last": bool(drop)}
    # args/kwargs stay empty: call() passes them itself; these keys describe the case.
    return {"args": [], "kwargs": {},
            "data": f"{_WHAT[source]} of {n} items", "batch_size": int(params["batch_size"]),
            "drop_last": "not passed (default False)" if drop is None else bool(drop),
            "items": items}


_WHAT = {"list": "a list", "range": "a range", "generator": "a one-shot generator",
         "tuple": "a tuple", "string": "a string"}


def _unpack(inputs: dict):
    """(source kind, items, batch_size, keyword arguments) of a case."""
    source = next(k for k, w in _WHAT.items() if inputs["data"].startswith(w + " of"))
    drop = inputs["drop_last"]
    kwargs = {"drop_last": drop} if isinstance(drop, bool) else {}
    return source, inputs["items"], inputs["batch_size"], kwargs


class OneShotIterator:
    """A one-shot iterator over `items` that counts how many were pulled (no len())."""

    def __init__(self, items):
        self._it = iter(items)
        self.pulled = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._it)
        self.pulled += 1
        return item


def _source(kind: str, items: list):
    if kind == "range":
        start = items[0] if items else 0
        return range(start, start + len(items))
    if kind == "generator":
        return (v for v in items)
    if kind == "tuple":
        return tuple(items)
    if kind == "string":
        return "".join(items)
    return list(items)


def call(entry, inputs: dict, ctx):
    source, items, bs, kwargs = _unpack(inputs)
    out = {}

    # 1. The result must be an iterator: a generator (or any lazy iterator), not a list.
    result = ctx.call(entry, _source(source, items), bs, **kwargs)
    try:
        is_iter = iter(result) is result
    except TypeError:
        is_iter = False
    out["returns"] = ("an iterator" if is_iter else
                      f"a {type(result).__name__}: every batch was built before the first one was "
                      f"needed; write a generator function (use yield)")

    # 2. Every batch is a list of its own (not one list object reused and cleared).
    batches = list(result) if is_iter or isinstance(result, (list, tuple)) else result
    if isinstance(batches, list):
        seen = {}
        fresh = "each batch is a new list"
        for k, b in enumerate(batches):
            if not isinstance(b, list):
                fresh = f"batch {k} is a {type(b).__name__}, not a list"
                break
            if id(b) in seen:
                fresh = (f"batch {k} is the same list object as batch {seen[id(b)]}: a list that is "
                         f"yielded and then cleared or appended to changes the caller's batches too; "
                         f"start a new list after each yield")
                break
            seen[id(b)] = k
        out["batch_objects"] = fresh
    out["batches"] = batches

    # 3. Lazy reading: when the first batch comes out, at most batch_size (+1 for a
    #    look-ahead) items may have been read from a one-shot iterator.
    n = len(items)
    counter = OneShotIterator(items)
    lazy = ctx.call(entry, counter, bs, **kwargs)
    first = next(iter(lazy), None)
    if first is not None and n > bs + 1 and counter.pulled > bs + 1:
        out["lazy"] = (f"read {counter.pulled} of {n} items before yielding the first batch of "
                       f"{bs}: consume the input as you go (for item in data / itertools.islice)")
    else:
        out["lazy"] = "reads the input lazily"
    return out


class _Stream(IterableDataset):
    def __init__(self, data):
        self.data = data

    def __iter__(self):
        return iter(self.data)


def _dataloader_batches(data, batch_size, drop_last=False):
    # A generator around DataLoader, so it is as lazy as a learner's generator must be.
    yield from DataLoader(_Stream(data), batch_size=batch_size, drop_last=drop_last, collate_fn=list)


def reference_entry():
    return _dataloader_batches


# ------------------------------------------------------------------ known mistakes

def _lazy(data, size, keep_partial):
    batch = []
    for item in data:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch and keep_partial:
        yield batch


def _always_drop(data, batch_size, drop_last=False):
    if drop_last:
        raise ValueError("right when drop_last=True")
    return _lazy(data, batch_size, keep_partial=False)


def _never_drop(data, batch_size, drop_last=False):
    if not drop_last:
        raise ValueError("right when drop_last=False")
    return _lazy(data, batch_size, keep_partial=True)


def _one_too_many(data, batch_size, drop_last=False):
    return _lazy(data, batch_size + 1, keep_partial=not drop_last)


SUSPECTS = [
    ("the last, smaller batch was dropped although drop_last=False: by default DataLoader keeps it",
     _always_drop),
    ("drop_last=True must drop the last batch when it has fewer than batch_size items",
     _never_drop),
    ("the batches hold batch_size + 1 items: yield as soon as len(batch) == batch_size",
     _one_too_many),
]
