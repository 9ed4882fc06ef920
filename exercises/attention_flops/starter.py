def attention_cost(B: int, H: int, L: int, S: int, E: int, Ev: int, bytes_per_el: int = 2) -> dict:
    """FLOPs, memory traffic and arithmetic intensity of softmax(q @ k.T) @ v.

    q (B, H, L, E), k (B, H, S, E), v (B, H, S, Ev), out (B, H, L, Ev).
    Returns {"flops", "bytes_naive", "bytes_flash", "intensity_naive", "intensity_flash"}
    (see the prompt for exactly what is counted).

    TODO: count the two matmuls, then the bytes of both traffic models.
    """
    raise NotImplementedError("attention_cost")
