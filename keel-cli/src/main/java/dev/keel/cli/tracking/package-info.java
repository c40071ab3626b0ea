/** {@code keel experiments …} and {@code keel runs …}: experiment tracking from the command line. */
package dev.keel.cli.tracking;
