# mutant: keeps only the diagonal of the Jacobian (forgets the -y * sum(g*y) term)
# expect: diagonal
import torch


def softmax_backward(grad_output, output, dim=-1):
    return grad_output * output
