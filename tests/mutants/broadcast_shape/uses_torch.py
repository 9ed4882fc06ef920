# mutant: hands the work to torch.broadcast_shapes and converts the error
# expect: calls torch.broadcast_shapes
import torch


def broadcast_shape(*shapes):
    try:
        return tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from None
