"""Reference: classic BPE training over a word-frequency dict."""

from collections import Counter


def _merge(symbols: list[str], a: str, b: str) -> list[str]:
    """Replace each (a, b) by a + b, scanning left to right without overlaps."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2                      # both symbols consumed: 'a a a' -> 'aa a'
        else:
            out.append(symbols[i])
            i += 1
    return out


def train_bpe(words: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    # Each word is a list of symbols, starting as its characters. Work on our own lists:
    # the caller's dict is never touched.
    corpus = [(list(word), freq) for word, freq in words.items()]
    merges: list[tuple[str, str]] = []
    for _ in range(num_merges):
        # Count every adjacent pair at every position, weighted by the word's frequency.
        counts: Counter = Counter()
        for symbols, freq in corpus:
            for pair in zip(symbols, symbols[1:]):
                counts[pair] += freq
        if not counts:                  # every word is a single symbol: nothing to merge
            break
        best = max(counts.values())
        pair = min(p for p, c in counts.items() if c == best)   # tie: smallest pair
        merges.append(pair)
        corpus = [(_merge(symbols, *pair), freq) for symbols, freq in corpus]
    return merges
