/** {@code keel models …}: register, list, show, versions, alias, history, rollback. */
package dev.keel.cli.models;
