# mutant: counts the pairs once at the start and takes the top num_merges of them
# expect: never recomputed
from collections import Counter


def train_bpe(words, num_merges):
    counts = Counter()
    for w, f in words.items():
        for p in zip(w, w[1:]):
            counts[p] += f
    ranked = sorted(counts, key=lambda p: (-counts[p], p))
    return ranked[:num_merges]
