# Generates tiny-linear-softmax.pt (TorchScript, Debian python3-torch 1.13.1): /usr/bin/python3 tiny-linear-softmax.py
# The printed outputs are what TorchScriptModelTest expects.
import torch
torch.manual_seed(0)
class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(4, 3)
    def forward(self, x):
        return torch.softmax(self.fc(x), dim=1)
m = torch.jit.script(Tiny().eval())
m.save("/tmp/tiny-linear-softmax.pt")
x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 0.5, 2.0]])
print(torch.__version__, m(x).tolist())
