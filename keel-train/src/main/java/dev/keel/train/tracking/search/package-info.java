/**
 * Run search: MLflow's filter language ({@code metrics.val_accuracy > 0.9 and params.lr = '0.01'}) and
 * order-by clauses, parsed into {@link dev.keel.train.tracking.search.Comparison}s and compiled by
 * {@link dev.keel.train.tracking.search.RunSearchCompiler} to SQL whose user-supplied values are always
 * bound parameters, never text spliced into the statement.
 */
package dev.keel.train.tracking.search;
