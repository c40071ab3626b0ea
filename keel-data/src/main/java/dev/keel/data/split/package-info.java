/**
 * Train/validation/test splits of a dataset version: the {@link dev.keel.data.split.SplitSpec} a user asks for
 * (the dataset's own split, or a seeded random split of one table), the {@link dev.keel.data.split.SplitPlan}
 * stored with the version (rows per split), and {@link dev.keel.data.split.SplitReader}, which streams one
 * split's records in batches without holding the dataset.
 */
package dev.keel.data.split;
