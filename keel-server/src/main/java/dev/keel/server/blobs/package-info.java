/** The generic blob endpoints: streamed, hash-verified uploads and existence checks. */
package dev.keel.server.blobs;
