# alternative: symbols kept in one flat list per word and merged by slice assignment on our
# own copies; the tie broken with an explicit (-count, pair) comparison
def train_bpe(words, num_merges):
    seqs = [list(w) for w in words]
    freqs = [words[w] for w in words]
    merges = []
    while len(merges) < num_merges:
        counts = {}
        for s, f in zip(seqs, freqs):
            for i in range(len(s) - 1):
                counts[(s[i], s[i + 1])] = counts.get((s[i], s[i + 1]), 0) + f
        if not counts:
            return merges
        best_key = None
        for pair, c in counts.items():
            key = (-c, pair)
            if best_key is None or key < best_key:
                best_key = key
        a, b = best_key[1]
        merges.append((a, b))
        for s in seqs:
            i = 0
            while i < len(s) - 1:
                if s[i] == a and s[i + 1] == b:
                    s[i:i + 2] = [a + b]
                i += 1
    return merges
