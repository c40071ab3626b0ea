/**
 * What starts pipeline runs besides a manual request: cron schedules and new versions of a named dataset, both
 * checked by {@link dev.keel.workflow.trigger.TriggerPoller} on every server, with the start of a run made
 * exactly-once by a compare-and-set on the trigger's stored progress.
 */
package dev.keel.workflow.trigger;
