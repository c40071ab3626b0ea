/**
 * The workflow manager wired into the server: the step types Keel offers (train, tune, evaluate, register,
 * promote, deploy, import-dataset, notify, command) implemented over the job system, tracking, registry, deployments
 * and dataset manager; {@link dev.keel.server.workflow.WorkflowSystem}, which builds the engine and triggers; and
 * {@code /api/v1/pipelines…} ({@link dev.keel.server.workflow.PipelineApi}).
 */
package dev.keel.server.workflow;
