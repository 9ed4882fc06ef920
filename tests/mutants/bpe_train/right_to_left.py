# mutant: merges the chosen pair scanning from the right end of each word
# expect: right to left
from collections import Counter


def train_bpe(words, num_merges):
    corpus = [(list(w), f) for w, f in words.items()]
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for s, f in corpus:
            for p in zip(s, s[1:]):
                counts[p] += f
        if not counts:
            break
        best = max(counts.values())
        a, b = min(p for p, c in counts.items() if c == best)
        merges.append((a, b))
        new = []
        for s, f in corpus:
            out, i = [], len(s) - 1
            while i >= 0:
                if i > 0 and s[i - 1] == a and s[i] == b:
                    out.append(a + b)
                    i -= 2
                else:
                    out.append(s[i])
                    i -= 1
            new.append((out[::-1], f))
        corpus = new
    return merges
