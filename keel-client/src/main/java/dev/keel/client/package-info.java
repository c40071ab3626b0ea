/**
 * {@link dev.keel.client.KeelClient}, the Java client of Keel's REST API: JSON calls, streamed uploads and
 * downloads, typed errors ({@link dev.keel.client.KeelClientException}) and one sub-client per API area.
 */
package dev.keel.client;
