"""Writes identity/identity.pt: a TorchScript model that returns its input as is.

The benchmarks configure it as a concept's model so that a conversion costs no model time and the
integration's own overhead shows (docs/benchmarks.md). Debian's python3-torch (1.13) is enough:
DJL's libtorch 2.7.1 loads its TorchScript files.

    python3 bench/models/make_identity.py
"""
import pathlib

import torch


class Identity(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parent / "identity" / "identity.pt"
    torch.jit.script(Identity()).save(str(out))
    print(out, out.stat().st_size, "bytes")
