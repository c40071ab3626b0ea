package dev.keel.data.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.data.format.Format;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.DType;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetProfileJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static DatasetProfile sample() {
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("0", 6000L);
        labels.put("1", 6000L);
        return new DatasetProfile(List.of(new TableStatistics("train", Format.IDX, 2, 12000, 0, List.of(),
                List.of(new ColumnStatistics("image", ColumnType.TENSOR, 0, 0.0, 255.0, 72.94, 90.02, null, null,
                                DType.UINT8, List.of(28, 28)),
                        new ColumnStatistics("label", ColumnType.INTEGER, 0, 0.0, 1.0, 0.5, 0.5, null, null, null, null)),
                "label", labels)), List.of("README.md"));
    }

    @Test
    void readsTheGoldenProfile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/dataset-profile-v1.json")) {
            assertThat(mapper.readValue(in, DatasetProfile.class)).isEqualTo(sample());
        }
    }

    @Test
    void writesWhatItReads() throws IOException {
        String json = mapper.writeValueAsString(sample());

        assertThat(mapper.readValue(json, DatasetProfile.class)).isEqualTo(sample());
        assertThat(json).doesNotContain("\"distinct\"").doesNotContain("\"schema\"");
    }

    @Test
    void formatOptionsRoundTripThroughJson() throws IOException {
        FormatOptions options = new FormatOptions(Format.CSV, Map.of("age", ColumnType.INTEGER), "species", true, false);

        String json = mapper.writeValueAsString(options);

        assertThat(json).isEqualTo("{\"format\":\"csv\",\"columnTypes\":{\"age\":\"integer\"},\"labelColumn\":\"species\","
                + "\"skipBadRows\":true}");
        assertThat(mapper.readValue(json, FormatOptions.class)).isEqualTo(options);
        assertThat(mapper.readValue("{}", FormatOptions.class)).isEqualTo(FormatOptions.defaults());
    }

    @Test
    void rendersAConciseTextForTheCli() {
        String text = ProfileText.render(sample());

        assertThat(text).isEqualTo("""
                table train (idx, 2 files): 12000 rows
                  image  tensor uint8[28, 28]  min 0  max 255  mean 72.94  std 90.02
                  label  integer  min 0  max 1  mean 0.5000  std 0.5000
                  labels (label): 0=6000 1=6000
                ignored files: README.md
                """);
    }
}
