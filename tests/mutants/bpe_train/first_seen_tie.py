# mutant: picks max(counts, key=counts.get), so ties go to the pair seen first
# expect: seen first
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
        a, b = max(counts, key=counts.get)
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
