package dev.keel.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state machine alone: for = 2 min, window = 1 min (see {@link Rules#errors}). */
class AlertStateTest {
    private static final AlertRule RULE = Rules.errors(Optional.empty());
    private static final long MINUTE = 60_000;

    /** Feeds one condition per minute and collects the events. */
    private static List<String> run(boolean... holds) {
        AlertState state = AlertState.ok(0);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < holds.length; i++) {
            AlertState.Step step = state.next(holds[i], i * MINUTE, RULE);
            step.event().ifPresent(e -> events.add(e + "@" + (step.state().since() / MINUTE)));
            state = step.state();
        }
        return events;
    }

    @Test
    void firesOnlyAfterTheConditionHeldForItsForDuration() {
        assertThat(run(true, true)).isEmpty();
        assertThat(run(true, true, true)).containsExactly("firing@2");
    }

    @Test
    void aConditionThatStopsWhilePendingNeverFires() {
        assertThat(run(true, true, false, true, true, false)).isEmpty();
    }

    @Test
    void resolvesOnlyAfterTheConditionIsFalseForAWholeWindow() {
        assertThat(run(true, true, true, false)).containsExactly("firing@2");
        assertThat(run(true, true, true, false, false)).containsExactly("firing@2", "resolved@4");
    }

    @Test
    void aWobblingValueWhileFiringDoesNotFlap() {
        assertThat(run(true, true, true, false, true, false, true, false, false))
                .containsExactly("firing@2", "resolved@8");
    }

    @Test
    void firesAgainAsANewIncidentAfterResolving() {
        assertThat(run(true, true, true, false, false, true, true, true))
                .containsExactly("firing@2", "resolved@4", "firing@7");
    }
}
