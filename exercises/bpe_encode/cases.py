"""Hidden cases for bpe_encode.

A case is a merges list and a few words; call() encodes each word and returns
{word: tokens}. Random cases train their merges with classic BPE on a random corpus (as
in bpe_train) and encode corpus words and new words, some with unseen characters.
"""

import copy
import math
import random
from collections import Counter

import torch

from dlquiz.guards import LearnerFault

ALPHABET = "abcdefgh"


def random_params(rng: random.Random, index: int) -> dict:
    return {
        "n_words": rng.randint(3, 10),
        "alphabet": rng.randint(2, 5),
        "max_len": rng.randint(3, 8),
        "max_freq": rng.choice([1, 2, 3, 5]),
        "num_merges": rng.randint(2, 20),
        "n_test": rng.randint(3, 6),
        "dtype": "float64",
    }


def _train(words: dict, num_merges: int) -> list:
    corpus = [(list(w), f) for w, f in words.items()]
    merges = []
    for _ in range(num_merges):
        counts: Counter = Counter()
        for s, f in corpus:
            for p in zip(s, s[1:]):
                counts[p] += f
        if not counts:
            break
        best = max(counts.values())
        pair = min(p for p, c in counts.items() if c == best)
        merges.append(pair)
        corpus = [(_merge(s, pair), f) for s, f in corpus]
    return merges


def _merge(s, pair, right_to_left=False):
    a, b = pair
    if right_to_left:
        out, i = [], len(s) - 1
        while i >= 0:
            if i > 0 and s[i - 1] == a and s[i] == b:
                out.append(a + b)
                i -= 2
            else:
                out.append(s[i])
                i -= 1
        return out[::-1]
    out, i = [], 0
    while i < len(s):
        if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(s[i])
            i += 1
    return out


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    if "merges" in params:
        merges = [tuple(p) for p in params["merges"]]
        words = list(params["words"])
    else:
        def draw(hi):
            return int(torch.randint(hi, (1,), generator=gen))

        letters = [ALPHABET[i] for i in torch.randperm(len(ALPHABET), generator=gen)[: params["alphabet"]]]
        corpus: dict = {}
        for _ in range(params["n_words"]):
            w = "".join(letters[draw(len(letters))] for _ in range(1 + draw(params["max_len"])))
            corpus[w] = corpus.get(w, 0) + 1 + draw(params["max_freq"])
        merges = _train(corpus, params["num_merges"])
        known = list(corpus)
        words = []
        for k in range(params["n_test"]):
            if k % 2 == 0:
                words.append(known[draw(len(known))])
            else:
                pool = letters + (["z"] if k == 3 else [])       # sometimes an unseen character
                words.append("".join(pool[draw(len(pool))] for _ in range(1 + draw(10))))
        words = list(dict.fromkeys(words))
    return {"args": [words[0], merges], "kwargs": {}, "words": words}


def call(entry, inputs: dict, ctx):
    merges = inputs["args"][1]
    before = copy.deepcopy(merges)
    result = {}
    for w in inputs["words"]:
        out = ctx.call(entry, w, merges)
        if not ctx.is_reference and merges != before:
            raise LearnerFault("mutation", "modifies its input `merges` in place; the caller's "
                                           "list must be left as it was")
        result[w] = list(out) if isinstance(out, tuple) else out
    return result


# ---------------------------------------------------------------------------------------
# Known mistakes: one encoder with switches.

def _encode(word, merges, *, mode="rank", right_to_left=False, max_steps=None):
    ranks = {}
    for i, p in enumerate(merges):
        ranks.setdefault(tuple(p), i)
    s = list(word)
    if mode == "list_order":
        for p in merges:
            s = _merge(s, tuple(p), right_to_left)
        return s
    steps = 0
    while len(s) > 1 and (max_steps is None or steps < max_steps):
        pairs = list(zip(s, s[1:]))
        ranked = [p for p in pairs if p in ranks]
        if not ranked:
            break
        if mode == "rank":
            best = min(ranked, key=lambda p: ranks[p])
        elif mode == "leftmost":
            best = ranked[0]
        elif mode == "highest":
            best = max(ranked, key=lambda p: ranks[p])
        s = _merge(s, best, right_to_left)
        steps += 1
    return s


def _suspect(**switches):
    def encode(word, merges):
        return _encode(word, merges, **switches)
    return encode


SUSPECTS = [
    ("each merge is applied once, in list order: a pair of lower rank can appear only after a "
     "later merge, so repeat 'find the lowest-rank pair present, merge it' until none is left",
     _suspect(mode="list_order")),
    ("you merged the leftmost known pair; the pair to merge is the one with the lowest rank "
     "(earliest in merges) anywhere in the word",
     _suspect(mode="leftmost")),
    ("you merged the pair with the highest rank; the earliest merge in the list (the lowest "
     "index) has priority",
     _suspect(mode="highest")),
    ("the merge scans right to left: 'a a a' with ('a', 'a') must become 'aa a' (left to right, "
     "non-overlapping)",
     _suspect(right_to_left=True)),
    ("only one merge was applied: keep merging until no adjacent pair is in the merges list",
     _suspect(max_steps=1)),
]
