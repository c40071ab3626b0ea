/** {@code keel datasets …} commands over {@code dev.keel.client.datasets.DatasetsClient}. */
package dev.keel.cli.datasets;
