package dev.keel.workflow.trigger;

import java.util.Optional;

/** The dataset manager as the dataset trigger needs it: the newest committed version of a dataset by name. */
@FunctionalInterface
public interface DatasetVersions {
    /** The newest version's number (as text), or empty when the dataset does not exist or has no version. */
    Optional<String> latest(String dataset);
}
