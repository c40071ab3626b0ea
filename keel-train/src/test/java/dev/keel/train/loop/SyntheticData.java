package dev.keel.train.loop;

import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
import dev.keel.train.data.InMemoryTrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny, learnable datasets: 8×8 byte images whose bright band gives the class, and short labelled texts. */
final class SyntheticData {
    private SyntheticData() {}

    static InMemoryTrainingData images(int size, int classes) {
        Map<String, List<Row>> splits = new LinkedHashMap<>();
        splits.put("train", imageRows(120, size, classes, 1));
        splits.put("validation", imageRows(30, size, classes, 2));
        splits.put("test", imageRows(30, size, classes, 3));
        return new InMemoryTrainingData(splits);
    }

    static List<Row> imageRows(int count, int size, int classes, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            byte[] pixels = new byte[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean bright = y * classes / size == label;
                    pixels[y * size + x] = (byte) ((bright ? 160 : 0) + random.nextInt(60));
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("image", Tensor.wrap(DType.UINT8, new int[] {size, size}, pixels));
            values.put("label", (long) label);
            rows.add(new Row(i, values));
        }
        return rows;
    }

    static InMemoryTrainingData texts() {
        Map<String, List<Row>> splits = new LinkedHashMap<>();
        splits.put("train", textRows(80, 1));
        splits.put("validation", textRows(20, 2));
        return new InMemoryTrainingData(splits);
    }

    private static List<Row> textRows(int count, long seed) {
        String[] good = {"great", "wonderful", "fine", "Lovely", "superb"};
        String[] bad = {"awful", "terrible", "poor", "Boring", "dreadful"};
        String[] filler = {"the", "film", "was", "plot", "acting"};
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean positive = i % 2 == 0;
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                String[] pool = w % 2 == 0 ? filler : (positive ? good : bad);
                text.append(pool[random.nextInt(pool.length)]).append(w == 5 ? "!" : ", ");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("text", text.toString());
            values.put("sentiment", positive ? "pos" : "neg");
            rows.add(new Row(i, values));
        }
        return rows;
    }
}
