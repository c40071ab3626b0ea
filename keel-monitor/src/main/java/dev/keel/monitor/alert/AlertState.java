package dev.keel.monitor.alert;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a rule stands: {@code OK}; {@code PENDING} (condition true since {@code since}, not yet for its
 * {@code for} duration); {@code FIRING}; {@code RESOLVING} (fired, condition false since {@code since}, not
 * yet for a whole window). {@link #next} is the whole state machine, a pure function of the old state, the
 * condition now and the time, so it is tested with no clock and no database.
 */
public record AlertState(Phase phase, long since) {
    public enum Phase { OK, PENDING, FIRING, RESOLVING }

    /** What an evaluation changes: the new state and the event to emit, if any. */
    public record Step(AlertState state, Optional<String> event) {}

    public static final String FIRED = "firing";
    public static final String RESOLVED = "resolved";

    public AlertState {
        requireNonNull(phase, "phase is null");
    }

    public static AlertState ok(long now) {
        return new AlertState(Phase.OK, now);
    }

    /** @param holds whether the condition holds now; absent data counts as not holding */
    public Step next(boolean holds, long now, AlertRule rule) {
        long forMillis = rule.forDuration().toMillis();
        long windowMillis = rule.window().toMillis();
        return switch (phase) {
            case OK -> !holds ? stay()
                    : forMillis == 0 ? fire(now) : move(Phase.PENDING, now);
            case PENDING -> !holds ? move(Phase.OK, now)
                    : now - since >= forMillis ? fire(now) : stay();
            case FIRING -> holds ? stay() : move(Phase.RESOLVING, now);
            // Back to firing without a new event: one incident, however often the value wobbles.
            case RESOLVING -> holds ? move(Phase.FIRING, now)
                    : now - since >= windowMillis ? new Step(new AlertState(Phase.OK, now), Optional.of(RESOLVED)) : stay();
        };
    }

    private Step stay() {
        return new Step(this, Optional.empty());
    }

    private static Step move(Phase phase, long now) {
        return new Step(new AlertState(phase, now), Optional.empty());
    }

    private static Step fire(long now) {
        return new Step(new AlertState(Phase.FIRING, now), Optional.of(FIRED));
    }

    public boolean isActive() {
        return phase == Phase.FIRING || phase == Phase.RESOLVING;
    }
}
