/**
 * {@code keel quickstart}: an embedded platform driven through its own HTTP API over genuine Fashion-MNIST, from
 * the first dataset version to a promotion decision by the retrain pipeline.
 */
package dev.keel.server.quickstart;
