/**
 * Model runtimes: the {@link dev.keel.serve.runtime.ModelRuntime} contract the batcher and protocols call,
 * tensors and signatures, and its ONNX Runtime and DJL PyTorch (TorchScript) implementations.
 */
package dev.keel.serve.runtime;
