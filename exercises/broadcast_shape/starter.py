"""Broadcast shapes by hand.

Return the shape that broadcasting all `shapes` together gives, like
torch.broadcast_shapes, and raise ValueError when they cannot broadcast.
Run `dlquiz run broadcast_shape` to test, `dlquiz hint broadcast_shape` for a hint.
"""


def broadcast_shape(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    # TODO: compare the shapes from the last dim; raise ValueError on a conflict.
    raise NotImplementedError("broadcast_shape is not written yet")
