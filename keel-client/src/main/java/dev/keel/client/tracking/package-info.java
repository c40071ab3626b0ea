/** {@code /api/v1/experiments} and {@code /api/v1/runs}: experiment tracking from Java ({@link dev.keel.client.tracking.TrackingClient}). */
package dev.keel.client.tracking;
