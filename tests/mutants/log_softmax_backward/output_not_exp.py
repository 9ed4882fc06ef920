# mutant: uses output (log-probs) where the probabilities exp(output) are needed
# expect: you multiplied by output itself
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    return grad_output - output * grad_output.sum(dim, keepdim=True)
