package dev.keel.train.loop;

import java.util.List;

/** What a run is about to do: steps per epoch and in all, the model's parameter count, where it resumes. */
public record RunStart(String specHash, long stepsPerEpoch, long totalSteps, long parameterCount, long resumedFromStep,
                       List<Long> exampleShape) {
    public RunStart {
        exampleShape = List.copyOf(exampleShape);
    }
}
