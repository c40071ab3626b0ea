/**
 * Pipeline specs: the YAML/JSON a user applies ({@link dev.keel.workflow.spec.PipelineSpecParser}) parsed into
 * records, validated with every problem reported at once with its path (cycles, unknown step types with a
 * did-you-mean, dangling {@code ${steps.X.outputs.Y}} references, missing fields, bad cron), and the
 * {@code ${…}} reference syntax shared by validation and the engine ({@link dev.keel.workflow.spec.References}).
 */
package dev.keel.workflow.spec;
