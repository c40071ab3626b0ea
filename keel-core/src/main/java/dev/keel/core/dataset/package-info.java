/**
 * Dataset domain records shared by the dataset manager, the server, the client and the CLI: datasets,
 * immutable versions with their manifest, and diffs. All are Jackson-friendly records.
 */
package dev.keel.core.dataset;
