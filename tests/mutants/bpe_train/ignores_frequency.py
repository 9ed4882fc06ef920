# mutant: counts each pair once per word, ignoring the word's frequency
# expect: word frequencies are ignored
from collections import Counter


def train_bpe(words, num_merges):
    corpus = [list(w) for w in words]
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for s in corpus:
            for p in zip(s, s[1:]):
                counts[p] += 1
        if not counts:
            break
        best = max(counts.values())
        a, b = min(p for p, c in counts.items() if c == best)
        merges.append((a, b))
        new = []
        for s in corpus:
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            new.append(out)
        corpus = new
    return merges
