package dev.keel.train.study;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed, validated study: name, base spec (as a JSON tree; each trial is this tree with its parameters set),
 * search space, algorithm, trial budget, parallelism, objective and early-stopping policy. {@code definition}
 * is the canonical JSON it was read from, stored with the study.
 */
public record StudyDefinition(String name, ObjectNode baseSpec, SearchSpace space, String algorithmName,
        SearchAlgorithm algorithm, int maxTrials, int parallelism, Objective objective, String earlyStoppingName,
        EarlyStoppingPolicy earlyStopping, ObjectNode definition) {
    public StudyDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(baseSpec, "baseSpec is null");
        requireNonNull(space, "space is null");
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(objective, "objective is null");
        requireNonNull(earlyStopping, "earlyStopping is null");
        requireNonNull(definition, "definition is null");
    }
}
