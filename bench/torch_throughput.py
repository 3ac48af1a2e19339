"""The libtorch side of bench/.../model/ModelThroughput: runs a TorchScript filter with PyTorch directly.

Usage: python3 bench/torch_throughput.py <model.pt> <width> <height> <threads>
Then, for each line N read from stdin, runs N forward passes of one 1x3xHxW photo (one photo per
pass, as the DJL side does) and prints the seconds they took. Ends at end of input.
"""
import sys
import time

import torch


def main() -> None:
    model_file, width, height, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    model = torch.jit.load(model_file).eval()
    photo = torch.rand(1, 3, height, width, generator=torch.Generator().manual_seed(42))
    with torch.inference_mode():
        for line in sys.stdin:
            passes = int(line)
            start = time.perf_counter()
            for _ in range(passes):
                model(photo)
            print(f"{time.perf_counter() - start:.6f}", flush=True)


if __name__ == "__main__":
    main()
