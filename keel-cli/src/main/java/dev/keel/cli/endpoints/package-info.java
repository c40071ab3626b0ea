/** {@code keel endpoints …}: the model server's endpoints from the command line. */
package dev.keel.cli.endpoints;
