/** {@code /api/v1/endpoints}: deploying registered models behind the batcher, and Keel's own predict call. */
package dev.keel.client.endpoints;
