# alternative: a byte trie; walk it from each position and remember the last token end seen
def encode_bytes(text, vocab):
    root = {}
    for token, idx in vocab.items():
        node = root
        for b in token:
            node = node.setdefault(b, {})
        node[None] = idx                       # None marks "a token ends here"
    data = text.encode("utf-8")
    ids, i = [], 0
    while i < len(data):
        node, j, best = root, i, None
        while j < len(data) and data[j] in node:
            node = node[data[j]]
            j += 1
            if None in node:
                best = (node[None], j)
        ids.append(best[0])
        i = best[1]
    return ids
