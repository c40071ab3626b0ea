/**
 * The {@code keel} command line: the root {@link dev.keel.cli.KeelCommand} (global {@code --url},
 * {@code --token}, {@code --output}), target resolution, table/JSON output, progress bars and exit codes.
 */
package dev.keel.cli;
