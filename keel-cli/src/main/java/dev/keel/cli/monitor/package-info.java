/** {@code keel metrics …} and {@code keel alerts …}: the metrics store from the command line. */
package dev.keel.cli.monitor;
