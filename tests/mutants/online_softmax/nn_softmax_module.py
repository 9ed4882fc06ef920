# mutant: lets an nn.Softmax module do the work
# expect: calls torch.nn.functional.softmax
import torch
def online_softmax(x, block):
    return torch.nn.Softmax(dim=-1)(x)
