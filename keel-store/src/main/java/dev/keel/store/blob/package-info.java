/**
 * Content-addressed blob storage: {@link dev.keel.store.blob.BlobStore} with a local-folder and an S3
 * implementation, opened by {@link dev.keel.store.blob.BlobStores}. Writes are verified before they
 * become visible; reads verify the hash at end of stream.
 */
package dev.keel.store.blob;
