/**
 * {@code keel train}, {@code keel jobs …} and {@code keel studies …}: submit training specs as jobs, follow them
 * with a live progress bar, read logs, cancel and resume, and run hyperparameter studies.
 */
package dev.keel.cli.jobs;
