package dev.keel.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
import dev.keel.train.spec.LabelSpec;
import dev.keel.train.spec.NormalizationSpec;
import dev.keel.train.spec.TextSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DataPipelineTest {
    private static List<Row> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Row(i, Map.of("x", (double) i, "label", (long) (i % 2)))).toList();
    }

    private static List<Long> shuffled(int rows, int window, long seed) {
        InMemoryTrainingData data = new InMemoryTrainingData(Map.of("train", numbered(rows)));
        ShuffleBuffer buffer = new ShuffleBuffer(data.open("train", 7), window, new Random(seed));
        List<Long> order = new ArrayList<>();
        buffer.forEachRemaining(row -> order.add(row.index()));
        return order;
    }

    @Test
    void shufflingEmitsEveryRowOnceInAnOrderFixedByTheSeed() {
        List<Long> order = shuffled(100, 16, 5);

        assertThat(order).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 100).boxed().toList());
        assertThat(order).isNotEqualTo(LongStream.range(0, 100).boxed().toList());
        assertThat(shuffled(100, 16, 5)).isEqualTo(order);
        assertThat(shuffled(100, 16, 6)).isNotEqualTo(order);
    }

    @Test
    void aRowNeverMovesFurtherForwardThanTheWindowAllows() {
        List<Long> order = shuffled(200, 10, 1);

        // A row can only be emitted once it is in the window: position >= index - (window - 1).
        for (int position = 0; position < order.size(); position++) {
            assertThat(order.get(position)).isLessThan(position + 10L);
        }
    }

    @Test
    void tokenisesOnNonLettersAndKeepsTheMostFrequentTokens() {
        TextSpec spec = new TextSpec(true, 2, 5);
        InMemoryTrainingData data = new InMemoryTrainingData(Map.of("train", List.of(
                new Row(0, Map.of("text", "Good, good film!", "label", 1L)),
                new Row(1, Map.of("text", "bad film; BAD acting", "label", 0L)))));

        Vocabulary vocabulary = Vocabulary.build(spec, data.open("train", 10), "text");

        // bad, film and good appear twice each (case folded), acting once: ties go alphabetically.
        assertThat(vocabulary.tokens()).containsExactly("bad", "film");
        assertThat(vocabulary.encode("GOOD film")).containsExactly(1, 3, 0, 0, 0);
    }

    @Test
    void encodingPadsAndTruncatesToTheMaximumLength() {
        Vocabulary vocabulary = new Vocabulary(new TextSpec(true, 10, 4), List.of("good", "film"));

        assertThat(vocabulary.encode("Good film")).containsExactly(2, 3, 0, 0);
        assertThat(vocabulary.encode("good unknown film good film")).containsExactly(2, 1, 3, 2);
        assertThat(vocabulary.size()).isEqualTo(4);
    }

    @Test
    void aLabelOutsideTheClassesNamesTheRowAndField() {
        ExampleEncoder encoder = new ExampleEncoder(List.of("x"), "label", NormalizationSpec.none(),
                new LabelSpec(LabelSpec.ORDINAL, List.of("cat", "dog")), null, new long[] {1});

        assertThatThrownBy(() -> encoder.encode(List.of(new Row(41, Map.of("x", 1.0, "label", "cow")))))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA);
                    assertThat(e.getMessage()).isEqualTo(
                            "row 41: label: cow (expected: a class index 0..1 or one of the class names)");
                });
    }

    @Test
    void normalisesNumericColumnsIntoAVector() {
        ExampleEncoder encoder = new ExampleEncoder(List.of("a", "b"), "label",
                new NormalizationSpec(NormalizationSpec.MEAN_STD, 1, 10, 2), new LabelSpec(LabelSpec.ORDINAL, List.of("0", "1")),
                null, new long[] {2});

        EncodedBatch batch = encoder.encode(List.of(new Row(0, Map.of("a", 12.0, "b", 6L, "label", 1L))));

        assertThat(batch.features()).containsExactly(1f, -2f);
        assertThat(batch.labels()).containsExactly(1);
    }

    @Test
    void aColorImageIsReorderedChannelsFirst() {
        byte[] pixels = new byte[5 * 6 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i; // pixel p, channel c holds 3p + c
        }
        Row row = new Row(0, Map.of("image", Tensor.wrap(DType.UINT8, new int[] {5, 6, 3}, pixels), "label", 0L));
        long[] shape = ExampleEncoder.exampleShape(row, List.of("image"), null);
        ExampleEncoder encoder = new ExampleEncoder(List.of("image"), "label", NormalizationSpec.none(),
                new LabelSpec(LabelSpec.ORDINAL, List.of("0", "1")), null, shape);

        float[] features = encoder.encode(List.of(row)).features();

        assertThat(shape).containsExactly(3, 5, 6);
        assertThat(features[0]).isEqualTo(0f);        // channel 0, pixel 0
        assertThat(features[1]).isEqualTo(3f);        // channel 0, pixel 1
        assertThat(features[30 + 7]).isEqualTo(22f);  // channel 1, pixel 7: 3 * 7 + 1
        assertThat(features[60 + 29]).isEqualTo(89f); // channel 2, last pixel
    }
}
