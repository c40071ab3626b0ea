/**
 * Client of the training job and study API ({@code /api/v1/jobs}, {@code /api/v1/studies}): submit, watch,
 * cancel, resume and read logs of jobs; create and inspect hyperparameter studies.
 */
package dev.keel.client.jobs;
