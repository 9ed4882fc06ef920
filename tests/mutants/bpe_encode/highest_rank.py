# mutant: takes max() of the ranks, i.e. the latest merge first
# expect: highest rank
def bpe_encode(word, merges):
    rank = {}
    for i, p in enumerate(merges):
        rank.setdefault(tuple(p), i)
    s = list(word)
    while len(s) > 1:
        cands = [p for p in zip(s, s[1:]) if p in rank]
        if not cands:
            break
        a, b = max(cands, key=rank.get)
        out, i = [], 0
        while i < len(s):
            if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(s[i])
                i += 1
        s = out
    return s
