package dev.keel.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** PSI and KS against values worked out by hand (see docs/monitoring.md for the formulas). */
class DriftStatisticsTest {
    @Test
    void psiOfBinnedCountsMatchesTheHandComputedValue() {
        // shares e = (.5, .3, .2), a = (.3, .3, .4): (-.2)ln(.6) + 0 + (.2)ln(2) = 0.24079456
        assertThat(PopulationStability.index(new long[] {50, 30, 20}, new long[] {30, 30, 40}))
                .isCloseTo(0.2407945608651872, within(1e-12));
    }

    @Test
    void psiOfIdenticalDistributionsIsZero() {
        assertThat(PopulationStability.index(Map.of("a", 3L, "b", 7L), Map.of("a", 30L, "b", 70L))).isZero();
    }

    @Test
    void psiFloorsEmptyBinsInsteadOfGoingInfinite() {
        // e = (.5, .5), a = (1, 0 -> 1e-4): .5 ln 2 + (1e-4 - .5) ln(2e-4) = 4.60431847
        assertThat(PopulationStability.index(Map.of("cat", 10L, "dog", 10L), Map.of("cat", 20L)))
                .isCloseTo(4.60431846666895, within(1e-12));
    }

    @Test
    void binCountsPutEdgeValuesInTheBinTheyStart() {
        assertThat(PopulationStability.binCounts(new double[] {1, 2, 3}, new double[] {0.5, 1, 1.5, 2, 3, 3.5}))
                .containsExactly(1, 2, 1, 2);
    }

    @Test
    void decileEdgesCutTheReferenceIntoTenEqualShares() {
        double[] reference = new double[100];
        for (int i = 0; i < 100; i++) {
            reference[i] = i + 1;
        }
        double[] edges = PopulationStability.decileEdges(reference);
        assertThat(edges).containsExactly(11, 21, 31, 41, 51, 61, 71, 81, 91);
        assertThat(PopulationStability.binCounts(edges, reference)).containsOnly(10);
    }

    @Test
    void ksIsTheLargestGapBetweenEmpiricalDistributions() {
        // F_ref(2) = .5, F_live(2) = 0; F_ref(4) = 1, F_live(4) = .5
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6})).isEqualTo(0.5);
    }

    @Test
    void ksStepsPastTiesBeforeComparing() {
        // at 1: F_ref = .5, F_live = .25; at 2 both reach 1
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 1, 2, 2}, new double[] {1, 2, 2, 2})).isEqualTo(0.25);
    }

    @Test
    void ksIsZeroForTheSameSampleAndOneForDisjointRanges() {
        assertThat(KolmogorovSmirnov.statistic(new double[] {3, 1, 2}, new double[] {1, 2, 3})).isZero();
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2}, new double[] {10, 20, 30})).isEqualTo(1.0);
    }
}
