/** {@code keel token …} commands. */
package dev.keel.cli.tokens;
