# mutant: keeps words as space-joined strings and counts pairs with str.count, which misses
# overlapping occurrences ("a a a".count("a a") == 1)
# expect: overlapping occurrences are counted once
def train_bpe(words, num_merges):
    corpus = {" ".join(w): f for w, f in words.items()}
    merges = []
    for _ in range(num_merges):
        counts = {}
        for s, f in corpus.items():
            syms = s.split(" ")
            for p in set(zip(syms, syms[1:])):
                n = (" " + s + " ").count(" " + p[0] + " " + p[1] + " ")
                counts[p] = counts.get(p, 0) + n * f
        counts = {p: c for p, c in counts.items() if c > 0}
        if not counts:
            break
        best = max(counts.values())
        a, b = min(p for p, c in counts.items() if c == best)
        merges.append((a, b))
        new = {}
        for s, f in corpus.items():
            syms, out, i = s.split(" "), [], 0
            while i < len(syms):
                if i + 1 < len(syms) and syms[i] == a and syms[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            new[" ".join(out)] = new.get(" ".join(out), 0) + f
        corpus = new
    return merges
