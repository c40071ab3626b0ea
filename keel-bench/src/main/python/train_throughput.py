#!/usr/bin/env python3
"""Native PyTorch side of Keel's training-throughput benchmark (dev.keel.bench.train.TrainingThroughputBenchmark).

Trains the same architectures as Keel's built-ins, on the same random data shape, with the same optimiser
(SGD, momentum 0.9) and thread count, and prints one JSON line: {"arch", "batch", "threads", "samples_per_second"}.
Run with Debian's interpreter, python3-torch and libopenblas0-pthread (without OpenBLAS, Debian's torch falls back to the
reference BLAS and is 5-14x slower): /usr/bin/python3 train_throughput.py --arch mlp --batch 128
"""
import argparse
import json
import time

import torch
from torch import nn


def mlp():
    # Keel: model {architecture: mlp, layers: [{units: 256}, {units: 128}]} -> 784-256-128-10
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, 10))


def lenet():
    # Keel: model {architecture: cnn} defaults -> conv 6x5 pad 2, max pool 2, conv 16x5, max pool 2, 120, 84, 10
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", choices=["mlp", "cnn"], required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    model = mlp() if args.arch == "mlp" else lenet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    total = args.steps + args.warmup
    inputs = torch.rand(total, args.batch, 1, 28, 28)
    labels = torch.randint(0, 10, (total, args.batch))

    model.train()
    start = None
    for step in range(total):
        if step == args.warmup:
            start = time.perf_counter()
        optimizer.zero_grad()
        loss = loss_fn(model(inputs[step]), labels[step])
        loss.backward()
        optimizer.step()
        loss.item()  # Keel reads every step's loss too
    seconds = time.perf_counter() - start
    print(json.dumps({"arch": args.arch, "batch": args.batch, "threads": args.threads,
                      "samples_per_second": args.steps * args.batch / seconds}))


if __name__ == "__main__":
    main()
