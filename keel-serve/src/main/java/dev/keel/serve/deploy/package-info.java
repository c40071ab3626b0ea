/**
 * Deployments: a model version or alias served as a named endpoint behind its own dynamic batcher, with
 * warm-up before traffic, zero-downtime swaps when an alias moves, canary traffic splits, and persistence
 * so a restarted server redeploys what was running. Transport-free: keel-server adapts HTTP/gRPC to
 * {@link dev.keel.serve.deploy.Deployments} and {@link dev.keel.serve.deploy.Endpoint}.
 */
package dev.keel.serve.deploy;
