# mutant: never checks whether any pair is left, so max() of an empty Counter crashes
# expect: ValueError
from collections import Counter


def train_bpe(words, num_merges):
    corpus = [(list(w), f) for w, f in words.items()]
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for s, f in corpus:
            for p in zip(s, s[1:]):
                counts[p] += f
        best = max(counts.values())
        a, b = min(p for p, c in counts.items() if c == best)
        merges.append((a, b))
        new = []
        for s, f in corpus:
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            new.append((out, f))
        corpus = new
    return merges
