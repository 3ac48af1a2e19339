"""The libtorch side of bench/.../model/ModelThroughput: runs a TorchScript filter with PyTorch directly.

Usage: python3 bench/torch_throughput.py <model.pt> <width> <height> <threads> [device] [batch]
Then, for each line N read from stdin, runs N forward passes of a batch of photos (1x3xHxW unless
batch is given, on the CPU unless device is given, e.g. cuda) and prints the seconds they took,
waiting for the GPU to finish. Ends at end of input.
"""
import sys
import time

import torch


def main() -> None:
    model_file, width, height, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    device = torch.device(sys.argv[5] if len(sys.argv) > 5 else "cpu")
    batch = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    model = torch.jit.load(model_file, map_location=device).eval()
    photos = torch.rand(batch, 3, height, width, generator=torch.Generator().manual_seed(42)).to(device)
    with torch.inference_mode():
        for line in sys.stdin:
            passes = int(line)
            start = time.perf_counter()
            for _ in range(passes):
                model(photos)
            if device.type == "cuda":
                torch.cuda.synchronize()
            print(f"{time.perf_counter() - start:.6f}", flush=True)


if __name__ == "__main__":
    main()
