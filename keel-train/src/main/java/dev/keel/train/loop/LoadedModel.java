package dev.keel.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.keel.data.record.Row;
import dev.keel.train.data.ExampleEncoder;
import dev.keel.train.spec.TrainingSpec;
import java.util.List;

/** A model rebuilt from a {@link ModelBundle}, ready to score rows the way it was trained to read them. */
public record LoadedModel(TrainingSpec spec, Block block, ExampleEncoder encoder, String weightsHash) {
    /** Logits {@code [row][class]}; the label field is not read. */
    public float[][] logits(List<Row> rows, NDManager manager) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray inputs = BatchArrays.inputs(encoder.encode(rows, false), batch);
            NDArray output = block.forward(new ParameterStore(batch, false), new NDList(inputs), false).singletonOrThrow();
            float[] flat = output.toFloatArray();
            int classes = (int) output.getShape().get(1);
            float[][] logits = new float[rows.size()][classes];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(flat, r * classes, logits[r], 0, classes);
            }
            return logits;
        }
    }

    /** The predicted class name of each row. */
    public List<String> predict(List<Row> rows, NDManager manager) {
        float[][] logits = logits(rows, manager);
        List<String> classes = spec.preprocessing().labels().classes();
        return java.util.Arrays.stream(logits).map(row -> {
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            return classes.get(best);
        }).toList();
    }
}
