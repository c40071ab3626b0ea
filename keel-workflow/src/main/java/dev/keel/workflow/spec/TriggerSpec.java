package dev.keel.workflow.spec;

import static java.util.Objects.requireNonNull;

/** What starts a pipeline run besides a manual request: a cron schedule or a new version of a named dataset. */
public sealed interface TriggerSpec {
    /** The key a trigger's progress is stored under (one row per pipeline and key). */
    String key();

    record Cron(CronSchedule schedule) implements TriggerSpec {
        public Cron {
            requireNonNull(schedule, "schedule is null");
        }

        @Override
        public String key() {
            return "cron:" + schedule.expression();
        }
    }

    record DatasetVersion(String dataset) implements TriggerSpec {
        public DatasetVersion {
            requireNonNull(dataset, "dataset is null");
        }

        @Override
        public String key() {
            return "dataset:" + dataset;
        }
    }
}
