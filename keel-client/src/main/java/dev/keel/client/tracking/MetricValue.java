package dev.keel.client.tracking;

/** A metric's value at a step; {@code timestamp} is epoch milliseconds. */
public record MetricValue(double value, long step, long timestamp) {}
