/** Client of {@code /api/v1/pipelines} and {@code /api/v1/pipeline-runs}: apply, list, run, show and cancel pipelines. */
package dev.keel.client.pipelines;
