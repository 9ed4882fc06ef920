# mutant: finds the best pair and merges it, but forgets to loop
# expect: only one merge was applied
def bpe_encode(word, merges):
    rank = {}
    for i, p in enumerate(merges):
        rank.setdefault(tuple(p), i)
    s = list(word)
    cands = [p for p in zip(s, s[1:]) if p in rank]
    if not cands:
        return s
    a, b = min(cands, key=rank.get)
    out, i = [], 0
    while i < len(s):
        if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(s[i])
            i += 1
    return out
