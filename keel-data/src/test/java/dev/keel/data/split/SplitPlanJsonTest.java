package dev.keel.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitPlanJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static SplitPlan fashionMnistPlan() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("train", 0.9);
        ratios.put("validation", 0.1);
        return new SplitPlan(SplitSpec.random("train", 42, ratios).withOwnSplits(), List.of(
                new SplitPart("train", "train", 54_000), new SplitPart("validation", "train", 6_000),
                new SplitPart("test", "test", 10_000)));
    }

    private JsonNode golden() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/split-plan-v1.json")) {
            return mapper.readTree(in);
        }
    }

    @Test
    void readsTheGoldenPlan() throws IOException {
        assertThat(mapper.treeToValue(golden(), SplitPlan.class)).isEqualTo(fashionMnistPlan());
    }

    @Test
    void writesTheGoldenPlan() throws IOException {
        JsonNode written = mapper.readTree(mapper.writeValueAsString(fashionMnistPlan()));

        assertThat(written).isEqualTo(golden());
    }
}
