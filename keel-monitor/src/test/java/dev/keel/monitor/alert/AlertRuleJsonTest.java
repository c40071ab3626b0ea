package dev.keel.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.KeelException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertRuleJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsARule() {
        AlertRule rule = Rules.errors(Optional.of(java.net.URI.create("http://127.0.0.1:9/hook")));
        assertThat(AlertRuleJson.read(AlertRuleJson.write(rule))).isEqualTo(rule);
    }

    @Test
    void reportsEveryBadFieldAtOnce() throws Exception {
        assertThatThrownBy(() -> AlertRuleJson.parse("id", json.readTree("""
                {"name": "bad name!", "condition": "~", "threshold": "high", "window": "5 minutes",
                 "severity": "loud"}""")))
                .isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).details()).anySatisfy(d -> assertThat(d).startsWith("condition: ~"))
                        .anySatisfy(d -> assertThat(d).startsWith("threshold:"))
                        .anySatisfy(d -> assertThat(d).startsWith("window: 5 minutes"))
                        .anySatisfy(d -> assertThat(d).startsWith("name: bad name!"))
                        .anySatisfy(d -> assertThat(d).startsWith("metric: null"))
                        .anySatisfy(d -> assertThat(d).startsWith("severity: loud")));
    }
}
