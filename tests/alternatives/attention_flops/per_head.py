# Count per (batch, head) in terms of the tensors' element counts, then scale by B·H;
# intensities from a ratio of the per-head numbers.
def attention_cost(B, H, L, S, E, Ev, bytes_per_el=2):
    heads = B * H
    sizes = {"q": L * E, "k": S * E, "v": S * Ev, "out": L * Ev, "scores": L * S}
    mm = lambda m, k, n: 2 * m * k * n
    per_head_flops = mm(L, E, S) + mm(L, S, Ev)
    per_head_io = sizes["q"] + sizes["k"] + sizes["v"] + sizes["out"]
    per_head_naive = per_head_io + 2 * sizes["scores"] + 2 * sizes["scores"]
    return {
        "flops": heads * per_head_flops,
        "bytes_naive": heads * per_head_naive * bytes_per_el,
        "bytes_flash": heads * per_head_io * bytes_per_el,
        "intensity_naive": per_head_flops / (per_head_naive * bytes_per_el),
        "intensity_flash": per_head_flops / (per_head_io * bytes_per_el),
    }
