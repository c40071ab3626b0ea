package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // Rows are actual classes, columns predictions. Worked by hand:
    // class 0: tp 5, predicted 5+1+0=6, actual 5+2+1=8 -> p 5/6, r 5/8, f1 2*(5/6)(5/8)/(5/6+5/8) = 50/70 = 0.714285...
    // class 1: tp 3, predicted 2+3+2=7, actual 1+3+0=4 -> p 3/7, r 3/4, f1 = 6/11 = 0.545454...
    // class 2: tp 0 (predicted once, for an actual 0; actual twice, predicted as 1) -> p 0, r 0, f1 0.
    private static final long[][] COUNTS = {
            {5, 2, 1},
            {1, 3, 0},
            {0, 2, 0},
    };

    @Test
    void computesAccuracyAndMacroAveragesFromAHandMadeMatrix() {
        ConfusionMatrix matrix = new ConfusionMatrix(COUNTS);

        assertThat(matrix.total()).isEqualTo(14);
        assertThat(matrix.accuracy()).isCloseTo(8.0 / 14, within(1e-12));
        assertThat(matrix.precision(0)).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(matrix.recall(0)).isCloseTo(5.0 / 8, within(1e-12));
        assertThat(matrix.f1(0)).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(matrix.precision(1)).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(matrix.recall(1)).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(matrix.f1(1)).isCloseTo(6.0 / 11, within(1e-12));
        // Class 2 was predicted once, wrongly, and never right: precision, recall and F1 are all 0.
        assertThat(matrix.f1(2)).isZero();
        assertThat(matrix.macroPrecision()).isCloseTo((5.0 / 6 + 3.0 / 7 + 0) / 3, within(1e-12));
        assertThat(matrix.macroRecall()).isCloseTo((5.0 / 8 + 3.0 / 4 + 0) / 3, within(1e-12));
        assertThat(matrix.macroF1()).isCloseTo((5.0 / 7 + 6.0 / 11) / 3, within(1e-12));
    }

    @Test
    void countsPairsOneByOne() {
        ConfusionMatrix matrix = new ConfusionMatrix(2);
        matrix.add(0, 0);
        matrix.add(1, 0);
        matrix.add(1, 1);

        assertThat(matrix.counts()).isEqualTo(new long[][] {{1, 0}, {1, 1}});
        assertThat(matrix.macroRecall()).isCloseTo(0.75, within(1e-12));
    }
}
