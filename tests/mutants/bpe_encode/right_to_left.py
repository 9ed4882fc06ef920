# mutant: merges the best pair scanning from the right end
# expect: right to left
def bpe_encode(word, merges):
    rank = {}
    for i, p in enumerate(merges):
        rank.setdefault(tuple(p), i)
    s = list(word)
    while len(s) > 1:
        cands = [p for p in zip(s, s[1:]) if p in rank]
        if not cands:
            break
        a, b = min(cands, key=rank.get)
        out, i = [], len(s) - 1
        while i >= 0:
            if i > 0 and s[i - 1] == a and s[i] == b:
                out.append(a + b)
                i -= 2
            else:
                out.append(s[i])
                i -= 1
        s = out[::-1]
    return s
