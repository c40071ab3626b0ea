package dev.keel.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitSpecTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static Map<String, Double> ratios(Object... nameThenRatio) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (int i = 0; i < nameThenRatio.length; i += 2) {
            ratios.put((String) nameThenRatio[i], (Double) nameThenRatio[i + 1]);
        }
        return ratios;
    }

    @Test
    void acceptsDecimalRatiosThatSumToOneOnlyApproximatelyInBinary() {
        SplitSpec spec = SplitSpec.random("t", 1, ratios("train", 0.7, "validation", 0.2, "test", 0.1));

        assertThat(spec.ratios().keySet()).containsExactly("train", "validation", "test");
    }

    @Test
    void rejectsRatiosThatDoNotSumToOne() {
        assertThatThrownBy(() -> SplitSpec.random("t", 1, ratios("train", 0.8, "test", 0.1)))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("ratios: sum 0.9 (expected: ratios summing to 1)");
    }

    @Test
    void reportsEveryRatioOutsideZeroToOneAtOnce() {
        assertThatThrownBy(() -> SplitSpec.random("t", 1, ratios("train", 1.5, "test", -0.5)))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).containsExactly(
                        "ratios.train: 1.5 (expected: a number in [0, 1])",
                        "ratios.test: -0.5 (expected: a number in [0, 1])"));
    }

    @Test
    void requiresASeedForARandomSplit() {
        assertThatThrownBy(() -> new SplitSpec(SplitSpec.Kind.RANDOM, null, null, ratios("train", 1.0), false))
                .hasMessage("seed: null (expected: a number, so the split can be reproduced)");
    }

    @Test
    void rejectsRatiosOnAnOwnSplit() {
        assertThatThrownBy(() -> new SplitSpec(SplitSpec.Kind.OWN, null, null, ratios("train", 1.0), false))
                .hasMessage("ratios: {train=1.0} (expected: none for an own split)");
    }

    @Test
    void roundTripsThroughJsonKeepingRatioOrder() throws IOException {
        String json = "{\"kind\":\"random\",\"table\":\"iris\",\"seed\":42,\"ratios\":{\"train\":0.8,\"validation\":0.1,\"test\":0.1}}";

        SplitSpec spec = mapper.readValue(json, SplitSpec.class);

        assertThat(spec).isEqualTo(SplitSpec.random("iris", 42, ratios("train", 0.8, "validation", 0.1, "test", 0.1)));
        assertThat(mapper.writeValueAsString(spec)).isEqualTo(json);
        assertThat(mapper.writeValueAsString(SplitSpec.own())).isEqualTo("{\"kind\":\"own\",\"ratios\":{}}");
    }

    @Test
    void writesIncludeOwnSplitsOnlyWhenSet() throws IOException {
        SplitSpec spec = SplitSpec.random("train", 1, ratios("train", 0.9, "validation", 0.1)).withOwnSplits();

        String json = mapper.writeValueAsString(spec);

        assertThat(json).endsWith(",\"includeOwnSplits\":true}");
        assertThat(mapper.readValue(json, SplitSpec.class)).isEqualTo(spec);
    }
}
