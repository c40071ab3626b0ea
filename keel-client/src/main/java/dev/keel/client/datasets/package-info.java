/** Client of the dataset REST API ({@link dev.keel.client.datasets.DatasetsClient}) and local upload helpers. */
package dev.keel.client.datasets;
