/** Keel's trainer: training specs, architectures, the training loop, experiment tracking and jobs. */
package dev.keel.train;
