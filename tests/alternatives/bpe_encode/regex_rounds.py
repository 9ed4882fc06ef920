# alternative: symbols kept as one string joined by a separator that cannot occur in words;
# each round merges every occurrence of the best pair with a regex anchored on whole symbols
import re

SEP = "\x00"


def bpe_encode(word, merges):
    rank = {}
    for i, (a, b) in enumerate(merges):
        rank.setdefault((a, b), i)
    text = SEP.join(word)
    while True:
        syms = text.split(SEP)
        best = None
        for p in zip(syms, syms[1:]):
            if p in rank and (best is None or rank[p] < rank[best]):
                best = p
        if best is None:
            return syms
        a, b = best
        pattern = "(?<![^" + SEP + "])" + re.escape(a + SEP + b) + "(?![^" + SEP + "])"
        text = re.sub(pattern, lambda m: a + b, text)
