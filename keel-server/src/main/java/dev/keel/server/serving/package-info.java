/**
 * The model server's protocol adapters on the API port: Keel REST predict (JSON and a binary tensor body),
 * KServe V1, Open Inference Protocol v2 over REST and gRPC, TorchServe's inference API, deployment management, and serving metrics for
 * Prometheus. Everything here translates; batching, swaps and canaries live in {@code dev.keel.serve.deploy}.
 */
package dev.keel.server.serving;
