"""Reference: GPT-2 style BPE encoding of one word by merge rank."""


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    # rank = position in the merges list (the first occurrence if a pair is listed twice)
    ranks: dict[tuple[str, str], int] = {}
    for i, pair in enumerate(merges):
        ranks.setdefault(tuple(pair), i)
    symbols = list(word)
    while len(symbols) > 1:
        # The known pair of lowest rank among all adjacent pairs of the current symbols.
        candidates = [p for p in zip(symbols, symbols[1:]) if p in ranks]
        if not candidates:
            break                                   # nothing left to merge
        a, b = min(candidates, key=ranks.__getitem__)
        # Merge every occurrence of (a, b) in one left-to-right pass, without overlaps.
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols
