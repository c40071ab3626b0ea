/**
 * The model registry: registered models, versions (validated model files stored as blobs), tags, and aliases
 * with an append-only audit log ({@link dev.keel.serve.registry.ModelRegistry}).
 */
package dev.keel.serve.registry;
