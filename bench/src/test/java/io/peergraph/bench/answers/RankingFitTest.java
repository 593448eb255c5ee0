package io.peergraph.bench.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingFitTest {

    /**
     * The shape that returned all-zero weights on the real tuning questions (about 30 candidates each, the worked one
     * mostly the one a feature singles out): a full Newton step from 0 overshoots, the next ones diverge, and the
     * relevant candidates' probability underflowed to 0/0 (NaN, printed as 0.0). 90 of 100 questions say the
     * candidate with the feature worked, so the weight is positive, where the log-likelihood's gradient is 0:
     * 90 − 100·p − λ·w = 0 with p = e^w / (e^w + 29).
     */
    @Test
    void aFeatureThatSinglesOutTheWorkedSolutionGetsThePositiveWeightWhereTheGradientVanishes() {
        List<RankingFit.Example> examples = new ArrayList<>();
        for (int q = 0; q < 100; q++) {
            double[][] features = new double[30][1];
            features[0][0] = 1;
            boolean[] relevant = new boolean[30];
            relevant[q < 90 ? 0 : 1] = true;
            examples.add(new RankingFit.Example(features, relevant));
        }
        for (double ridge : new double[] {1, 0.1}) {
            double w = RankingFit.fit(examples, 1, ridge)[0];
            double p = Math.exp(w) / (Math.exp(w) + 29);
            // The features' within-question scale is √(29)/30, so the ridge on the standardised weight is λ·w·scale² here.
            double scale = Math.sqrt(29) / 30;
            assertThat(w).as("ridge %s", ridge).isPositive();
            assertThat(90 - 100 * p - ridge * w * scale * scale).as("gradient at the fit, ridge %s", ridge).isCloseTo(0, within(1e-6));
        }
    }

    /** Correlated features (one level's share and a noisy copy), several worked solutions per question: the fit finds the weights that made the data. */
    @Test
    void recoversTheWeightsThatGeneratedTheChoicesFromCorrelatedFeatures() {
        Random random = new Random(7);
        double[] truth = {2, -1, 0};
        List<RankingFit.Example> examples = new ArrayList<>();
        for (int q = 0; q < 3000; q++) {
            int k = 5 + random.nextInt(25);
            double[][] features = new double[k][3];
            double[] weight = new double[k];
            double total = 0;
            for (int i = 0; i < k; i++) {
                double popularity = random.nextGaussian() * 2;
                features[i] = new double[] {popularity, popularity + random.nextGaussian(), random.nextGaussian()};
                weight[i] = Math.exp(truth[0] * features[i][0] + truth[1] * features[i][1] + truth[2] * features[i][2]);
                total += weight[i];
            }
            boolean[] relevant = new boolean[k];
            double draw = random.nextDouble() * total;
            for (int i = 0; i < k; i++) {
                draw -= weight[i];
                if (draw <= 0) {
                    relevant[i] = true;
                    break;
                }
            }
            if (!anyOf(relevant)) {
                relevant[k - 1] = true;
            }
            examples.add(new RankingFit.Example(features, relevant));
        }
        double[] w = RankingFit.fit(examples, 3, 1);
        assertThat(w[0]).isCloseTo(2, within(0.2));
        assertThat(w[1]).isCloseTo(-1, within(0.15));
        assertThat(w[2]).isCloseTo(0, within(0.1));
        assertThat(RankingFit.logLikelihood(examples, w)).isGreaterThan(RankingFit.logLikelihood(examples, new double[3]));
    }

    @Test
    void aFeatureThatNeverDiffersWithinAQuestionKeepsWeightZero() {
        List<RankingFit.Example> examples = new ArrayList<>();
        for (int q = 0; q < 50; q++) {
            double[][] features = {{1, q}, {0, q}, {0, q}};
            examples.add(new RankingFit.Example(features, new boolean[] {q % 5 != 0, q % 5 == 0, false}));
        }
        double[] w = RankingFit.fit(examples, 2, 1);
        assertThat(w[0]).isPositive();
        assertThat(w[1]).isZero();
    }

    @Test
    void aNonFiniteFeatureIsRefusedRatherThanFittedToNothing() {
        List<RankingFit.Example> examples = List.of(new RankingFit.Example(new double[][] {{Double.NEGATIVE_INFINITY}, {0}}, new boolean[] {true, false}));
        assertThatThrownBy(() -> RankingFit.fit(examples, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    }

    private static boolean anyOf(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }
}
