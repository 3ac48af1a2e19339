"""Trains the photobooth's neural filters by distilling classical stylisations into a compact CNN.

No model hub is reachable, so there are no pretrained backbones. Each concept has a *teacher*, a
classical OpenCV stylisation that looks good on portraits, and a *student*, a small fully
convolutional network (dilated residual blocks, about 90k parameters) that learns to reproduce
the teacher. The student runs in constant time per pixel on a GPU, at any photo size, and is
exported to TorchScript for DJL:

    input  float32 [N, 3, H, W], RGB in [0, 1]
    output float32 [N, 3, H, W], RGB in [0, 1], same H and W

Teachers (OpenCV, on 8-bit RGB):
    toon        edge-preserving smoothing, colour quantisation, dark ink lines (adaptive threshold)
    pencil      cv2.pencilSketch's grey drawing
    watercolor  cv2.stylization

Training data: the public-domain and CC0 photos that scikit-image ships (skimage.data), heavily
augmented (random scale, crop, flips, quarter turns, hue and saturation, gamma). The held-out
image is the astronaut portrait (NASA, public domain), used for the reported error and for the
before/after pictures.

Run on a GPU machine (PyTorch, scikit-image and OpenCV installed):
    python3 training/train_filters.py --out models
A tiny smoke run on a CPU:
    python3 training/train_filters.py --out /tmp/filters --smoke
For each concept it writes <out>/<concept>/<concept>.pt, <out>/<concept>/reference/ (a small input and
the student's output, raw little-endian float32, NCHW, which the Java tests compare with DJL's) and
<out>/<concept>/astronaut.png (the student's output on the held-out portrait), and prints the
student's mean absolute error to the teacher on the held-out portrait.
"""
import argparse
import multiprocessing
import pathlib
import time
from concurrent.futures import ProcessPoolExecutor

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from skimage import data as skdata
from torch import nn

CONCEPTS = ("toon", "pencil", "watercolor")
TRAINING_PHOTOS = ("chelsea", "coffee", "rocket", "immunohistochemistry", "colorwheel", "retina",
                   "cat", "camera", "page", "moon", "text", "hubble_deep_field", "skin", "logo",
                   "motorcycle_left", "lily")
REFERENCE_SHAPE = (1, 3, 24, 32)


# --- teachers ---------------------------------------------------------------------------------

def toon(rgb: np.ndarray) -> np.ndarray:
    smooth = cv2.edgePreservingFilter(rgb, flags=cv2.RECURS_FILTER, sigma_s=50, sigma_r=0.4)
    levels = 8
    flat = (np.floor(smooth.astype(np.float32) / 256 * levels) + 0.5) * (256 / levels)
    grey = cv2.medianBlur(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), 5)
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 9, 4)
    out = flat * (ink[..., None].astype(np.float32) / 255)
    return np.clip(out, 0, 255).astype(np.uint8)


def pencil(rgb: np.ndarray) -> np.ndarray:
    grey, _ = cv2.pencilSketch(rgb, sigma_s=40, sigma_r=0.08, shade_factor=0.04)
    return np.repeat(grey[..., None], 3, axis=2)


def watercolor(rgb: np.ndarray) -> np.ndarray:
    return cv2.stylization(rgb, sigma_s=50, sigma_r=0.45)


TEACHERS = {"toon": toon, "pencil": pencil, "watercolor": watercolor}


# --- data -------------------------------------------------------------------------------------

def rgb8(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:
        image = (np.clip(image, 0, 1) * 255).astype(np.uint8) if image.max() <= 1 else image.astype(np.uint8)
    if image.ndim == 2:
        image = np.repeat(image[..., None], 3, axis=2)
    return np.ascontiguousarray(image[..., :3])


def training_photos() -> list:
    photos = []
    for name in TRAINING_PHOTOS:
        loader = getattr(skdata, name, None)
        if loader is None:
            continue
        try:
            image = loader()
        except Exception:  # some photos need an optional download: skip them
            continue
        if isinstance(image, tuple):
            image = image[0]
        photos.append(rgb8(image))
    return photos


def augment(rgb: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    scale = rng.uniform(0.5, 1.5) * size / min(rgb.shape[:2]) * 1.5
    h, w = rgb.shape[:2]
    image = cv2.resize(rgb, (max(size, int(w * scale)), max(size, int(h * scale))), interpolation=cv2.INTER_AREA)
    y = rng.integers(0, image.shape[0] - size + 1)
    x = rng.integers(0, image.shape[1] - size + 1)
    image = image[y:y + size, x:x + size]
    if rng.random() < 0.5:
        image = image[:, ::-1]
    image = np.rot90(image, rng.integers(0, 4))
    hsv = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 0] = (hsv[..., 0] + rng.uniform(-12, 12)) % 180
    hsv[..., 1] = np.clip(hsv[..., 1] * rng.uniform(0.6, 1.4), 0, 255)
    image = cv2.cvtColor(hsv.astype(np.uint8), cv2.COLOR_HSV2RGB)
    gamma = rng.uniform(0.7, 1.4)
    return np.clip(255 * (image / 255.0) ** gamma, 0, 255).astype(np.uint8)


def samples(args) -> tuple:
    concept, seed, count, size = args
    rng = np.random.default_rng(seed)
    photos = training_photos()
    inputs, targets = [], []
    for _ in range(count):
        crop = augment(photos[rng.integers(0, len(photos))], size, rng)
        inputs.append(crop)
        targets.append(TEACHERS[concept](crop))
    return np.stack(inputs), np.stack(targets)


def dataset(concept: str, count: int, size: int, workers: int) -> tuple:
    per = max(1, count // workers)
    jobs = [(concept, 1000 * index + 7, per, size) for index in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(samples, jobs))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def tensor(batch: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(batch).permute(0, 3, 1, 2).float() / 255


# --- student ----------------------------------------------------------------------------------

class ResidualBlock(nn.Module):
    def __init__(self, width: int, dilation: int):
        super().__init__()
        self.a = nn.Conv2d(width, width, 3, padding=dilation, dilation=dilation, padding_mode="replicate")
        self.b = nn.Conv2d(width, width, 3, padding=1, padding_mode="replicate")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.b(F.relu(self.a(x)))


class Stylizer(nn.Module):
    """A compact image-to-image network: its receptive field (about 70 px) covers the teachers' windows."""

    def __init__(self, width: int = 32, dilations=(1, 2, 4, 8, 16, 1)):
        super().__init__()
        self.head = nn.Conv2d(3, width, 3, padding=1, padding_mode="replicate")
        self.blocks = nn.Sequential(*[ResidualBlock(width, d) for d in dilations])
        self.tail = nn.Conv2d(width, 3, 3, padding=1, padding_mode="replicate")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.tail(F.relu(self.blocks(F.relu(self.head(x))))))


def train(concept: str, args, device: torch.device) -> Stylizer:
    started = time.time()
    inputs, targets = dataset(concept, args.samples, args.size, args.workers)
    x_all, y_all = tensor(inputs).to(device), tensor(targets).to(device)
    print(f"{concept}: {len(inputs)} samples of {args.size}px in {time.time() - started:.1f} s", flush=True)
    torch.manual_seed(17)
    model = Stylizer().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=args.steps)
    generator = torch.Generator(device="cpu").manual_seed(23)
    for step in range(args.steps):
        index = torch.randint(0, len(x_all), (args.batch,), generator=generator).to(device)
        x, y = x_all[index], y_all[index]
        loss = F.l1_loss(model(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % max(1, args.steps // 10) == 0 or step == args.steps - 1:
            print(f"{concept}: step {step} l1 {loss.item():.4f}", flush=True)
    print(f"{concept}: trained in {time.time() - started:.1f} s", flush=True)
    return model.eval()


def export(concept: str, model: Stylizer, out: pathlib.Path) -> None:
    folder = out / concept
    (folder / "reference").mkdir(parents=True, exist_ok=True)
    cpu = model.to("cpu").eval()
    with torch.no_grad():
        traced = torch.jit.trace(cpu, torch.rand(1, 3, 64, 64))
        traced.save(str(folder / f"{concept}.pt"))
        reference = torch.rand(REFERENCE_SHAPE, generator=torch.Generator().manual_seed(5))
        output = traced(reference)
    shape = "x".join(str(n) for n in REFERENCE_SHAPE)
    reference.numpy().astype("<f4").tofile(folder / "reference" / f"input-{shape}.f32")
    output.numpy().astype("<f4").tofile(folder / "reference" / f"output-{shape}.f32")
    portrait = rgb8(skdata.astronaut())
    portrait = cv2.resize(portrait, (256, 256), interpolation=cv2.INTER_AREA)
    with torch.no_grad():
        student = traced(tensor(portrait[None]))[0].permute(1, 2, 0).numpy()
    teacher = TEACHERS[concept](portrait).astype(np.float32) / 255
    print(f"{concept}: held-out astronaut mean absolute error to the teacher "
          f"{np.abs(student - teacher).mean():.4f} (0..1 scale)", flush=True)
    cv2.imwrite(str(folder / "astronaut.png"),
                cv2.cvtColor((np.clip(student, 0, 1) * 255).round().astype(np.uint8), cv2.COLOR_RGB2BGR))
    print(f"{concept}: {(folder / f'{concept}.pt').stat().st_size} bytes", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--concepts", nargs="+", default=list(CONCEPTS), choices=CONCEPTS)
    parser.add_argument("--samples", type=int, default=3000)
    parser.add_argument("--size", type=int, default=192)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--smoke", action="store_true", help="a tiny run that only proves the pipeline works")
    args = parser.parse_args()
    if args.smoke:
        args.samples, args.size, args.steps, args.batch, args.workers = 8, 48, 3, 4, 2
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    print(f"torch {torch.__version__} on {device}, OpenCV {cv2.__version__}", flush=True)
    for concept in args.concepts:
        export(concept, train(concept, args, device), args.out)


if __name__ == "__main__":
    main()
