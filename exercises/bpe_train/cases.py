"""Hidden cases for bpe_train.

Inputs are plain Python data (a dict of word counts and an int); the result is a list of
(left, right) string pairs, compared exactly. The engine's in-place check only sees
tensors, so call() checks itself that the learner leaves `words` as it was.
"""

import copy
import random

import torch

from dlquiz.guards import LearnerFault

ALPHABET = "abcdefgh"


def random_params(rng: random.Random, index: int) -> dict:
    return {
        "n_words": rng.randint(3, 10),
        "alphabet": rng.randint(2, 5),
        "max_len": rng.randint(3, 8),
        "max_freq": rng.choice([1, 2, 3, 5, 10]),
        "num_merges": rng.randint(1, 15),
        "dtype": "float64",
    }


def _random_words(params: dict, gen: torch.Generator) -> dict:
    def draw(hi):  # an int in [0, hi)
        return int(torch.randint(hi, (1,), generator=gen))

    letters = [ALPHABET[i] for i in torch.randperm(len(ALPHABET), generator=gen)[: params["alphabet"]]]
    words: dict = {}
    for _ in range(params["n_words"]):
        length = 1 + draw(params["max_len"])
        w = "".join(letters[draw(len(letters))] for _ in range(length))
        words[w] = words.get(w, 0) + 1 + draw(params["max_freq"])
    return words


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    if "words" in params:
        words = dict(params["words"])          # insertion order as written in the spec
    else:
        words = _random_words(params, gen)
    return {"args": [words, int(params["num_merges"])], "kwargs": {}}


def call(entry, inputs: dict, ctx):
    words, num_merges = inputs["args"]
    before = copy.deepcopy(words)
    out = ctx.call(entry, words, num_merges)
    if not ctx.is_reference and (words != before or list(words) != list(before)):
        raise LearnerFault("mutation", "modifies its input `words` in place; the caller's dict "
                                       "must be left as it was (work on a copy)")
    if isinstance(out, list):
        # Lists and tuples compare alike; a pair given as a list is fine.
        return [tuple(p) if isinstance(p, list) else p for p in out]
    return out


# ---------------------------------------------------------------------------------------
# Known mistakes: one trainer with switches, each suspect flips one.

def _train(words, num_merges, *, tie="smallest", weighted=True, overlap_count=True,
           right_to_left=False, stale_counts=False):
    seqs = [(list(w), f if weighted else 1) for w, f in words.items()]

    def counts():
        c: dict = {}
        for s, f in seqs:
            if overlap_count:
                for pair in zip(s, s[1:]):
                    c[pair] = c.get(pair, 0) + f
            else:
                i = 0
                while i < len(s) - 1:
                    pair = (s[i], s[i + 1])
                    c[pair] = c.get(pair, 0) + f
                    i += 2 if (i + 2 < len(s) and (s[i + 1], s[i + 2]) == pair) else 1
        return c

    def pick(c):
        best = max(c.values())
        tied = [p for p in c if c[p] == best]
        if tie == "smallest":
            return min(tied)
        if tie == "largest":
            return max(tied)
        return tied[0]                               # first seen

    def merge(s, pair):
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

    merges = []
    initial = counts()
    order = sorted(initial, key=lambda p: (-initial[p], p))
    for step in range(num_merges):
        if stale_counts:
            if step >= len(order):
                break
            pair = order[step]
        else:
            c = counts()
            if not c:
                break
            pair = pick(c)
        merges.append(pair)
        seqs = [(merge(s, pair), f) for s, f in seqs]
    return merges


def _suspect(**switches):
    return lambda words, num_merges: _train(words, num_merges, **switches)


SUSPECTS = [
    ("ties are broken by which pair was seen first; the rule is the smallest pair "
     "(compare left symbols, then right symbols): min() over the tied pairs",
     _suspect(tie="first")),
    ("ties are broken toward the largest pair (max over (count, pair) picks it); the rule is "
     "the highest count, then the smallest pair",
     _suspect(tie="largest")),
    ("word frequencies are ignored: each occurrence of a pair in word w counts words[w] times",
     _suspect(weighted=False)),
    ("overlapping occurrences are counted once: in 'aaaa' the pair ('a', 'a') occurs at three "
     "positions and counts 3 (not 2, as str.count would say)",
     _suspect(overlap_count=False)),
    ("the merge scans right to left: 'a a a' merged with ('a', 'a') must become 'aa a' "
     "(left to right, non-overlapping), not 'a aa'",
     _suspect(right_to_left=True)),
    ("the pair counts are never recomputed: after each merge, count the pairs of the new "
     "symbol sequences again (merged symbols form new pairs)",
     _suspect(stale_counts=True)),
]
