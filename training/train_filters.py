"""Trains the photobooth's neural filters by distilling classical stylisations into a compact CNN.

No model hub is reachable, so there are no pretrained backbones. Each concept has a *teacher*, a
classical OpenCV stylisation that looks good on portraits, and a *student*, a small fully
convolutional network (dilated residual blocks, about 113k parameters) that learns to reproduce
the teacher. The student runs in constant time per pixel on a GPU, at any photo size, and is
exported to TorchScript for DJL:

    input  float32 [N, 3, H, W], RGB in [0, 1]
    output float32 [N, 3, H, W], RGB in [0, 1], same H and W

Teachers (OpenCV, on 8-bit RGB):
    toon        edge-preserving smoothing, lightness softly quantised to 6 bands in CIELAB, colours
                20 % more saturated, ink lines on the dark side of strong edges (thresholded
                difference of Gaussians, so skin texture draws no lines)
    sketch      a pencil drawing: the edge-preserving-smoothed grey photo colour-dodged with its
                blurred negative (dark lines on light paper), shaded by the blurred tone, graphite
                never darker than 12 % grey
    watercolor  edge-preserving smoothing and mean-shift patches washed out towards the paper,
                15 % more saturated, pigment darkening at the rim of each wash, over a faint pencil
                underdrawing that keeps eyes and mouth

Training data: the public-domain and CC0 photos that scikit-image ships (skimage.data), heavily
augmented (random scale, crop, flips, quarter turns, hue and saturation, gamma). The held-out
image is the astronaut portrait (NASA, public domain), used for the reported error and for the
before/after pictures.

Run on a GPU machine (PyTorch, scikit-image and OpenCV installed):
    python3 training/train_filters.py --out models
A tiny smoke run on a CPU:
    python3 training/train_filters.py --out /tmp/filters --smoke
Re-export the saved weights with another torch version, without training (the shipped models were
exported by torch 2.11, which DJL's libtorch 2.7.1 reads):
    python3 training/train_filters.py --out models --export-only
For each concept it saves the trained state dict to training/weights/<concept>.pth, then exports
from that state dict <out>/<concept>/<concept>.pt and <out>/<concept>/reference/ (a small input and
the TorchScript output, raw little-endian float32, NCHW, which the Java tests compare with DJL's),
writes docs/models/<concept>-astronaut.png (the output on the held-out portrait), and prints the
student's mean absolute error to the teacher on the held-out portrait and its time per 512x512
photo on the machine.
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

CONCEPTS = ("toon", "sketch", "watercolor")
TRAINING_PHOTOS = ("chelsea", "coffee", "rocket", "immunohistochemistry", "colorwheel", "retina",
                   "cat", "camera", "page", "moon", "text", "hubble_deep_field", "logo")
REFERENCE_SHAPE = (1, 3, 24, 32)


# --- teachers ---------------------------------------------------------------------------------

def ink(smooth: np.ndarray, sigma: float = 1.2, threshold: float = 0.015, width: float = 0.02) -> np.ndarray:
    """1 on paper, falling to 0 on the dark side of strong edges (a thresholded difference of Gaussians)."""
    grey = cv2.cvtColor(smooth, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
    dog = cv2.GaussianBlur(grey, (0, 0), sigma) - cv2.GaussianBlur(grey, (0, 0), 1.6 * sigma)
    return 1 - np.clip((-dog - threshold) / width, 0, 1)


def toon(rgb: np.ndarray) -> np.ndarray:
    smooth = cv2.edgePreservingFilter(rgb, flags=cv2.RECURS_FILTER, sigma_s=60, sigma_r=0.4)
    lab = cv2.cvtColor(smooth, cv2.COLOR_RGB2LAB).astype(np.float32)
    step = 256 / 6
    centre = (np.floor(lab[..., 0] / step) + 0.5) * step
    lab[..., 0] = centre + step / 2 * np.tanh(0.25 * (lab[..., 0] - centre))
    lab[..., 1:] = 128 + (lab[..., 1:] - 128) * 1.2
    flat = cv2.cvtColor(np.clip(lab, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB).astype(np.float32)
    return np.clip(flat * ink(smooth)[..., None], 0, 255).round().astype(np.uint8)


def sketch(rgb: np.ndarray) -> np.ndarray:
    smooth = cv2.edgePreservingFilter(rgb, flags=cv2.RECURS_FILTER, sigma_s=20, sigma_r=0.25)
    grey = cv2.cvtColor(smooth, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
    negative = cv2.GaussianBlur(1 - grey, (0, 0), 5)
    dodge = np.clip(grey / np.maximum(1 - negative, 1e-3), 0, 1)
    tone = cv2.GaussianBlur(grey, (0, 0), 2.5)
    drawing = dodge ** 1.8 * (0.7 + 0.3 * tone)
    paper = 1 - 0.88 * (1 - drawing)
    return (np.repeat(paper[..., None], 3, axis=2) * 255).round().astype(np.uint8)


def watercolor(rgb: np.ndarray) -> np.ndarray:
    smooth = cv2.pyrMeanShiftFiltering(
        cv2.edgePreservingFilter(rgb, flags=cv2.RECURS_FILTER, sigma_s=40, sigma_r=0.35), 4, 20)
    wash = 1 - 0.85 * (1 - smooth.astype(np.float32) / 255)
    hsv = cv2.cvtColor(wash, cv2.COLOR_RGB2HSV)
    hsv[..., 1] = np.clip(hsv[..., 1] * 1.15, 0, 1)
    wash = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
    grey = cv2.bilateralFilter(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255, 5, 0.1, 5)
    negative = cv2.GaussianBlur(1 - grey, (0, 0), 3)
    underdrawing = np.clip(grey / np.maximum(1 - negative, 1e-3), 0, 1) ** 1.5
    tone = wash.mean(axis=2)
    rim = np.clip(np.hypot(cv2.Sobel(tone, cv2.CV_32F, 1, 0), cv2.Sobel(tone, cv2.CV_32F, 0, 1)) * 1.5, 0, 1)
    rim = cv2.GaussianBlur(rim, (0, 0), 1.0)
    out = wash * ((1 - 0.25 * rim) * (0.65 + 0.35 * underdrawing))[..., None]
    return (np.clip(out, 0, 1) * 255).round().astype(np.uint8)


TEACHERS = {"toon": toon, "sketch": sketch, "watercolor": watercolor}


# --- data -------------------------------------------------------------------------------------

def rgb8(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:
        image = (np.clip(image, 0, 1) * 255).astype(np.uint8) if image.max() <= 1 else image.astype(np.uint8)
    if image.ndim == 2:
        image = np.repeat(image[..., None], 3, axis=2)
    return np.ascontiguousarray(image[..., :3])


def training_photos() -> list:
    return [rgb8(getattr(skdata, name)()) for name in TRAINING_PHOTOS]


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


def save_weights(concept: str, model: Stylizer, weights: pathlib.Path) -> None:
    weights.mkdir(parents=True, exist_ok=True)
    torch.save(model.to("cpu").state_dict(), weights / f"{concept}.pth")


def load_weights(concept: str, weights: pathlib.Path) -> Stylizer:
    model = Stylizer()
    model.load_state_dict(torch.load(weights / f"{concept}.pth", map_location="cpu"))
    return model.eval()


def export(concept: str, model: Stylizer, out: pathlib.Path, pictures: pathlib.Path) -> None:
    folder = out / concept
    (folder / "reference").mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        traced = torch.jit.trace(model, torch.rand(1, 3, 64, 64))
        traced.save(str(folder / f"{concept}.pt"))
        reference = torch.rand(REFERENCE_SHAPE, generator=torch.Generator().manual_seed(5))
        output = traced(reference)
    shape = "x".join(str(n) for n in REFERENCE_SHAPE)
    reference.numpy().astype("<f4").tofile(folder / "reference" / f"input-{shape}.f32")
    output.numpy().astype("<f4").tofile(folder / "reference" / f"output-{shape}.f32")
    portrait = cv2.resize(rgb8(skdata.astronaut()), (256, 256), interpolation=cv2.INTER_AREA)
    with torch.no_grad():
        student = traced(tensor(portrait[None]))[0].permute(1, 2, 0).numpy()
    teacher = TEACHERS[concept](portrait).astype(np.float32) / 255
    print(f"{concept}: held-out astronaut mean absolute error to the teacher "
          f"{np.abs(student - teacher).mean():.4f} (0..1 scale)", flush=True)
    pictures.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(pictures / "astronaut.png"), cv2.cvtColor(portrait, cv2.COLOR_RGB2BGR))
    cv2.imwrite(str(pictures / f"{concept}-astronaut.png"),
                cv2.cvtColor((np.clip(student, 0, 1) * 255).round().astype(np.uint8), cv2.COLOR_RGB2BGR))
    print(f"{concept}: {(folder / f'{concept}.pt').stat().st_size} bytes", flush=True)


def report_speed(concept: str, model: Stylizer, device: torch.device) -> None:
    model = model.to(device)
    photo = torch.rand(1, 3, 512, 512, device=device)
    with torch.no_grad():
        for _ in range(3):
            model(photo)
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        for _ in range(10):
            model(photo)
        if device.type == "cuda":
            torch.cuda.synchronize()
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"CPU, {torch.get_num_threads()} threads"
    print(f"{concept}: {(time.perf_counter() - started) * 100:.1f} ms per 512x512 photo on {name}", flush=True)
    model.to("cpu")


def main() -> None:
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, required=True, help="the models folder to export into")
    parser.add_argument("--concepts", nargs="+", default=list(CONCEPTS), choices=CONCEPTS)
    parser.add_argument("--weights", type=pathlib.Path, default=root / "training" / "weights",
                        help="where each concept's trained state dict <concept>.pth is saved and read")
    parser.add_argument("--pictures", type=pathlib.Path, default=root / "docs" / "models",
                        help="where the before/after pictures of the held-out portrait go")
    parser.add_argument("--export-only", action="store_true",
                        help="export the saved state dicts with this torch version, without training")
    parser.add_argument("--samples", type=int, default=3000)
    parser.add_argument("--size", type=int, default=192)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--smoke", action="store_true",
                        help="a tiny run that only proves the pipeline works; its weights and pictures go under --out")
    args = parser.parse_args()
    if args.smoke:
        args.samples, args.size, args.steps, args.batch, args.workers = 8, 48, 3, 4, 2
        args.weights, args.pictures = args.out / "weights", args.out / "pictures"
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    print(f"torch {torch.__version__} on {device}, OpenCV {cv2.__version__}", flush=True)
    for concept in args.concepts:
        if not args.export_only:
            save_weights(concept, train(concept, args, device), args.weights)
        model = load_weights(concept, args.weights)
        export(concept, model, args.out, args.pictures)
        report_speed(concept, model, device)


if __name__ == "__main__":
    main()
