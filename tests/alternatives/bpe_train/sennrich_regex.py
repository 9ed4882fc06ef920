# alternative: Sennrich-style: words as space-separated symbol strings, merged with a regex
# that only matches whole symbols; pair counts rebuilt per step with plain dicts and the
# tie rule applied through a sort key
import re


def train_bpe(words, num_merges):
    vocab = {" ".join(w): f for w, f in words.items()}
    merges = []
    for _ in range(num_merges):
        stats = {}
        for word, freq in vocab.items():
            syms = word.split(" ")
            for i in range(len(syms) - 1):
                key = (syms[i], syms[i + 1])
                stats[key] = stats.get(key, 0) + freq
        if not stats:
            break
        best = sorted(stats.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        merges.append(best)
        pattern = re.compile(r"(?<!\S)" + re.escape(best[0] + " " + best[1]) + r"(?!\S)")
        new = {}
        for word, freq in vocab.items():
            w2 = pattern.sub(best[0] + best[1], word)
            new[w2] = new.get(w2, 0) + freq
        vocab = new
    return merges
