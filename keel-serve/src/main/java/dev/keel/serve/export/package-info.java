/**
 * Keel's own ONNX exporter for Keel model bundles, and the parity gate that compares ONNX Runtime with the
 * training engine before an export is accepted.
 */
package dev.keel.serve.export;
