package dev.keel.data.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static RecordBatch sampleBatch() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image", Tensor.of(DType.UINT8, new int[] {2, 2}, new byte[] {0, 1, (byte) 254, (byte) 255}));
        values.put("label", 9L);
        values.put("weight", 0.5);
        values.put("ok", true);
        values.put("name", "boot");
        values.put("note", null);
        return new RecordBatch("train", "validation", List.of(new Row(17, values)));
    }

    @Test
    void encodesABatchExactlyAsTheGoldenSample() throws IOException {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/record-batch-v1.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String encoded = mapper.writeValueAsString(RecordJson.toJson(sampleBatch()));

        assertThat(mapper.readTree(encoded)).isEqualTo(mapper.readTree(golden));
    }

    @Test
    void decodesWhatItEncodes() throws IOException {
        String wire = mapper.writeValueAsString(RecordJson.toJson(sampleBatch()));

        assertThat(RecordJson.batchFromJson(mapper.readTree(wire))).isEqualTo(sampleBatch());
    }

    @Test
    void encodesMultiByteTensorsLittleEndian() {
        Tensor tensor = Tensor.of(DType.INT16, new int[] {1}, new byte[] {0x01, 0x02});

        assertThat(tensor.getDouble(0)).isEqualTo(0x0201);
        assertThat(RecordJson.valueToJson(tensor).get("data").asText()).isEqualTo("AQI=");
    }

    @Test
    void rejectsTensorWhoseDataDoesNotMatchItsShape() throws IOException {
        String wire = "{\"row\": 0, \"values\": {\"image\": {\"dtype\": \"uint8\", \"shape\": [2, 2], \"data\": \"AQI=\"}}}";

        assertThatThrownBy(() -> RecordJson.rowFromJson(mapper.readTree(wire)))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("values.image: data: 2 bytes (expected: 4 for uint8[2, 2])");
    }
}
