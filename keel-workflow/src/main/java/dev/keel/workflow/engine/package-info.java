/**
 * The durable DAG engine: pipelines, pipeline runs and step runs in the metadata store
 * ({@link dev.keel.workflow.engine.WorkflowRepository}), the step SPI a server implements
 * ({@link dev.keel.workflow.engine.StepType}, {@link dev.keel.workflow.engine.StepExecutor},
 * {@link dev.keel.workflow.engine.StepContext}), the engine loop that claims steps with leases, runs them with
 * timeouts and retries, and skips what follows a failure ({@link dev.keel.workflow.engine.WorkflowEngine}), and
 * the facade the API calls ({@link dev.keel.workflow.engine.PipelineService}).
 */
package dev.keel.workflow.engine;
