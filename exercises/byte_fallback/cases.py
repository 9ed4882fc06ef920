"""Hidden cases for byte_fallback.

A vocab maps every one of the 256 single bytes plus some longer byte strings to ids
(a shuffled numbering, so byte values are not ids). call() returns the round trip
(the learner's ids decoded back through the vocab) first, then the ids themselves.
"""

import copy
import random

import torch

from dlquiz.guards import LearnerFault

# Pieces that longer tokens are cut from, and that random texts are made of.
FRAGMENTS = ["the", " the", "ing", "er", "th", " a", "tion", "中文", "中", "文字", "字", "你好",
             "世界", "😀", "🎉", "é", "ß", "日本語", "ab", "abc", " ", ".", "\n"]


def random_params(rng: random.Random, index: int) -> dict:
    return {"n_tokens": rng.randint(0, 25), "n_pieces": rng.randint(0, 12), "dtype": "float64"}


def _vocab(extra: list, gen: torch.Generator) -> dict:
    tokens = [bytes([b]) for b in range(256)]
    for t in extra:
        if t not in tokens:
            tokens.append(t)
    ids = torch.randperm(len(tokens), generator=gen).tolist()
    return {t: i for t, i in zip(tokens, ids)}


def _random_case(params: dict, gen: torch.Generator):
    def draw(hi):
        return int(torch.randint(hi, (1,), generator=gen))

    # Longer tokens: byte slices of fragments, whole characters or not (byte-level vocabs
    # really contain partial UTF-8 sequences).
    extra = []
    for _ in range(params["n_tokens"]):
        data = "".join(FRAGMENTS[draw(len(FRAGMENTS))] for _ in range(1 + draw(2))).encode("utf-8")
        start = draw(len(data))
        length = 2 + draw(5)
        piece = data[start:start + length]
        if len(piece) >= 2:
            extra.append(piece)
    text = "".join(FRAGMENTS[draw(len(FRAGMENTS))] for _ in range(params["n_pieces"]))
    return text, extra


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    if "text" in params:
        text = params["text"]
        extra = [t.encode("utf-8") if isinstance(t, str) else bytes(t) for t in params.get("tokens", [])]
        extra += [bytes.fromhex(h) for h in params.get("hex_tokens", [])]
    else:
        text, extra = _random_case(params, gen)
    return {"args": [text, _vocab(extra, gen)], "kwargs": {}}


def call(entry, inputs: dict, ctx):
    text, vocab = inputs["args"]
    before = copy.deepcopy(vocab)
    ids = ctx.call(entry, text, vocab)
    if not ctx.is_reference and vocab != before:
        raise LearnerFault("mutation", "modifies its input `vocab` in place; the caller's dict "
                                       "must be left as it was")
    ids = list(ids) if isinstance(ids, (list, tuple)) else ids
    if not isinstance(ids, list):
        return {"roundtrip": f"not a list: {type(ids).__name__}", "ids": ids}
    inverse = {i: t for t, i in vocab.items()}
    bad = next((i for i in ids if not isinstance(i, int) or isinstance(i, bool) or i not in inverse), None)
    if bad is not None or any(isinstance(i, bool) for i in ids):
        roundtrip = f"id {bad!r} is not in the vocab"
    else:
        data = b"".join(inverse[i] for i in ids)
        try:
            roundtrip = data.decode("utf-8")
        except UnicodeDecodeError:
            roundtrip = f"bytes that are not valid UTF-8: {data!r}"
    return {"roundtrip": roundtrip, "ids": ids}


# ---------------------------------------------------------------------------------------
# Known mistakes.

def _greedy(data: bytes, vocab: dict, lengths) -> list:
    out, i = [], 0
    while i < len(data):
        for n in lengths(len(data) - i):
            if n >= 1 and data[i:i + n] in vocab:
                out.append(vocab[data[i:i + n]])
                i += n
                break
        else:
            raise ValueError("no match")
    return out


def _longest(vocab):
    return max(len(t) for t in vocab)


def _char_level(text, vocab):
    # greedy over characters: a token must be made of whole characters; a character whose
    # bytes are not one token falls back to its single bytes.
    out, i = [], 0
    width = _longest(vocab)
    while i < len(text):
        for n in range(min(width, len(text) - i), 0, -1):
            piece = text[i:i + n].encode("utf-8")
            if piece in vocab:
                out.append(vocab[piece])
                i += n
                break
        else:
            out.extend(vocab[bytes([b])] for b in text[i].encode("utf-8"))
            i += 1
    ref = _greedy(text.encode("utf-8"), vocab, lambda rest: range(min(width, rest), 0, -1))
    if out == ref:
        raise ValueError("same as the right answer here")
    return out


SUSPECTS = [
    ("you matched whole characters; the greedy match runs over the UTF-8 bytes, and tokens may "
     "start or end in the middle of a multi-byte character",
     _char_level),
    ("that is the shortest match (one byte at a time); take the longest vocab entry that is a "
     "prefix of the remaining bytes",
     lambda text, vocab: [vocab[bytes([b])] for b in text.encode("utf-8")]),
    ("these are the raw byte values; the ids come from the vocab (vocab[bytes([b])]), which "
     "does not number bytes by their value",
     lambda text, vocab: list(text.encode("utf-8"))),
    ("off by one in the window: the longest tokens are never tried; try lengths from "
     "min(max_len, remaining) down to 1 inclusive",
     lambda text, vocab: _greedy(text.encode("utf-8"), vocab,
                                 lambda rest: range(min(_longest(vocab) - 1, rest), 0, -1))),
]
