"""Builds the `sketch` concept's TorchScript model (a pencil-drawing filter) into models/sketch/.

The network is a fixed convolutional pipeline whose weights are set here, not learned:
luma (1x1 conv) -> Gaussian blur (5x5 conv) -> Sobel gradients (3x3 convs) -> ink strength ->
paper tone. It is a real TorchScript module run by DJL's PyTorch engine; the trained filters of
later concepts replace hand-set weights with learned ones but keep the same contract:

    input  float32 [N, 3, H, W], RGB in [0, 1]
    output float32 [N, 3, H, W], RGB in [0, 1], same H and W

Besides the model, the script writes a small reference pair (input and PyTorch's output, raw
little-endian float32, NCHW) so that the Java tests can prove DJL reproduces PyTorch exactly.

Run: python3 training/make_sketch_model.py   (needs only torch; Debian's python3-torch works)
"""
import pathlib

import torch
import torch.nn.functional as F
from torch import nn

OUT = pathlib.Path(__file__).resolve().parent.parent / "models" / "sketch"


def gaussian_kernel(size: int, sigma: float) -> torch.Tensor:
    ax = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
    g = torch.exp(-(ax ** 2) / (2 * sigma ** 2))
    k = torch.outer(g, g)
    return (k / k.sum()).reshape(1, 1, size, size)


class PencilSketch(nn.Module):
    def __init__(self, ink: float = 3.0, paper=(0.98, 0.96, 0.92)):
        super().__init__()
        self.luma = nn.Conv2d(3, 1, 1, bias=False)
        self.blur = nn.Conv2d(1, 1, 5, bias=False)
        self.sobel = nn.Conv2d(1, 2, 3, bias=False)
        with torch.no_grad():
            self.luma.weight.copy_(torch.tensor([0.299, 0.587, 0.114]).reshape(1, 3, 1, 1))
            self.blur.weight.copy_(gaussian_kernel(5, 1.0))
            gx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
            self.sobel.weight.copy_(torch.stack([gx, gx.t()]).reshape(2, 1, 3, 3))
        self.ink = ink
        self.register_buffer("paper", torch.tensor(paper).reshape(1, 3, 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gray = self.luma(x)
        smooth = self.blur(F.pad(gray, (2, 2, 2, 2), mode="replicate"))
        grad = self.sobel(F.pad(smooth, (1, 1, 1, 1), mode="replicate"))
        edges = torch.sqrt(grad[:, 0:1] ** 2 + grad[:, 1:2] ** 2 + 1e-6)
        strokes = torch.clamp(1.0 - self.ink * edges, 0.0, 1.0)
        shading = 0.75 + 0.25 * smooth
        return torch.clamp(strokes * shading * self.paper, 0.0, 1.0)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    model = PencilSketch().eval()
    scripted = torch.jit.script(model)
    scripted.save(str(OUT / "sketch.pt"))

    generator = torch.Generator().manual_seed(7)
    sample = torch.rand(1, 3, 24, 32, generator=generator)
    with torch.no_grad():
        expected = scripted(sample)
    reference = OUT / "reference"
    reference.mkdir(exist_ok=True)
    sample.numpy().astype("<f4").tofile(reference / "input-1x3x24x32.f32")
    expected.numpy().astype("<f4").tofile(reference / "output-1x3x24x32.f32")
    print(f"wrote {OUT / 'sketch.pt'} with torch {torch.__version__}")


if __name__ == "__main__":
    main()
