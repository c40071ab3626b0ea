/**
 * The dataset REST routes ({@link dev.keel.server.dataset.DatasetApi}): a thin adapter over
 * {@code dev.keel.data.version.DatasetService} that adds roles, the caller as author, import roots for
 * server-side paths, and streamed file, archive and JSON Lines record responses.
 */
package dev.keel.server.dataset;
