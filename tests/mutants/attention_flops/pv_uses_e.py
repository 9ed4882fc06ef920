# mutant: uses E instead of Ev for the P @ v matmul
# expect: not 2·B·H·L·S·E


def attention_cost(B: int, H: int, L: int, S: int, E: int, Ev: int, bytes_per_el: int = 2) -> dict:
    # Shapes: q (B, H, L, E), k (B, H, S, E), v (B, H, S, Ev), out (B, H, L, Ev).
    # Each output element of a matmul is a dot product of length K: K multiplies and K adds
    # (one multiply-accumulate = 2 FLOPs), so (L, K) @ (K, S) costs 2·L·S·K.
    flops_qk = 2 * B * H * L * S * E        # scores (L, S) per head, dots of length E
    flops_pv = 2 * B * H * L * S * E       # out (L, Ev) per head, dots of length S
    flops = flops_qk + flops_pv             # the softmax (O(L·S)) is not counted

    # Tensors that every algorithm must read or write once, in elements.
    io = B * H * (L * E + S * E + S * Ev + L * Ev)     # read q, k, v; write out
    # The naive way also round-trips the two (L, S) matrices through memory:
    # write scores, read them for the softmax, write P, read P for P @ v.
    score_traffic = 4 * B * H * L * S
    bytes_naive = (io + score_traffic) * bytes_per_el
    # Flash-style tiling keeps the score blocks on chip: only the unavoidable traffic.
    bytes_flash = io * bytes_per_el

    return {
        "flops": flops,
        "bytes_naive": bytes_naive,
        "bytes_flash": bytes_flash,
        # FLOPs per byte moved: above the machine's FLOP/s ÷ bandwidth ratio the kernel is
        # compute-bound, below it memory-bound. Naive attention stays near E/2 FLOPs per
        # byte-element for long sequences; flash grows with the sequence length.
        "intensity_naive": flops / bytes_naive,
        "intensity_flash": flops / bytes_flash,
    }
