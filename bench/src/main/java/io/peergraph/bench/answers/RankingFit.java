package io.peergraph.bench.answers;

import java.util.List;

/**
 * Fits the weights of {@code SolutionRanking}'s features as a conditional logit (listwise softmax): for each tuning
 * question, the probability of its candidates is {@code exp(w·f) / Σ exp(w·f)}, and the fit maximises the log of the
 * probability given to the solutions that worked for it, minus a ridge penalty {@code λ/2 |w|²} on the standardised
 * features (the penalty keeps correlated features — the levels' shares move together — from trading huge opposite
 * weights, and standardising makes one λ weigh every feature alike whatever its scale).
 *
 * <p>Each step is a Newton direction with the candidates' feature covariance plus λ as curvature (positive definite,
 * so the direction ascends), followed by a backtracking line search on the objective itself: a full Newton step
 * overshoots once the softmax concentrates on a few candidates (its curvature vanishes there), which diverged to
 * non-finite weights on the real tuning questions. The relevant candidates' log-probability is computed in log space,
 * so a relevant solution far below the best one does not underflow to 0/0.
 */
final class RankingFit {

    /** One tuning question: per candidate its features, and whether it worked for the question. */
    record Example(double[][] features, boolean[] relevant) {}

    static double[] fit(List<Example> examples, int dimensions, double ridge) {
        double[] scale = scales(examples, dimensions);
        List<Example> scaled = examples.stream().map(e -> scaled(e, scale)).toList();
        double[] w = new double[dimensions];
        double objective = objective(scaled, w, ridge);
        for (int iteration = 0; iteration < 200; iteration++) {
            double[] gradient = new double[dimensions];
            double[][] curvature = new double[dimensions][dimensions];
            for (int j = 0; j < dimensions; j++) {
                gradient[j] = -ridge * w[j];
                curvature[j][j] = ridge;
            }
            for (Example e : scaled) {
                accumulate(e, w, gradient, curvature);
            }
            double[] step = solve(curvature, gradient);
            double slope = 0;
            for (int j = 0; j < dimensions; j++) {
                slope += gradient[j] * step[j];
            }
            // Backtracking (Armijo): halve the step until the objective rises by a fair share of what the slope promises.
            double t = 1;
            double[] next = new double[dimensions];
            double nextObjective = Double.NEGATIVE_INFINITY;
            for (; t > 1e-12; t /= 2) {
                for (int j = 0; j < dimensions; j++) {
                    next[j] = w[j] + t * step[j];
                }
                nextObjective = objective(scaled, next, ridge);
                if (nextObjective >= objective + 1e-4 * t * slope) {
                    break;
                }
            }
            if (!(nextObjective >= objective)) {
                break;
            }
            double gain = nextObjective - objective;
            w = next.clone();
            objective = nextObjective;
            if (gain < 1e-12 * (1 + Math.abs(objective))) {
                break;
            }
        }
        double[] weights = new double[dimensions];
        for (int j = 0; j < dimensions; j++) {
            weights[j] = scale[j] == 0 ? 0 : w[j] / scale[j];
            if (!Double.isFinite(weights[j])) {
                throw new IllegalStateException("The fit gave a non-finite weight to feature " + j + ": " + weights[j]);
            }
        }
        return weights;
    }

    /**
     * The mean over questions of the log of the probability the weights give to the solutions that worked (0 is a
     * perfect ranking; {@code −log k} the uniform one over k candidates): the fit's measure, on any questions.
     */
    static double logLikelihood(List<Example> examples, double[] w) {
        return examples.isEmpty() ? 0 : objective(examples, w, 0) / examples.size();
    }

    /** Σ over questions of log Σ_{relevant} p − λ/2 |w|², in log space. */
    private static double objective(List<Example> examples, double[] w, double ridge) {
        double sum = 0;
        for (Example e : examples) {
            double[] score = scores(e, w);
            sum += logSumExp(score, e.relevant()) - logSumExp(score, null);
        }
        for (double x : w) {
            sum -= ridge / 2 * x * x;
        }
        return sum;
    }

    private static double[] scores(Example e, double[] w) {
        double[] score = new double[e.features().length];
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < w.length; j++) {
                score[i] += w[j] * e.features()[i][j];
            }
        }
        return score;
    }

    /** log Σ exp(score) over the candidates where {@code which} is true (all when null). */
    private static double logSumExp(double[] score, boolean[] which) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < score.length; i++) {
            if (which == null || which[i]) {
                max = Math.max(max, score[i]);
            }
        }
        double sum = 0;
        for (int i = 0; i < score.length; i++) {
            if (which == null || which[i]) {
                sum += Math.exp(score[i] - max);
            }
        }
        return max + Math.log(sum);
    }

    /**
     * Adds one question's gradient of log Σ_{r relevant} p(r) and the curvature used for the direction: with p the
     * softmax over all candidates and q the softmax over the relevant ones, the gradient is E_q[f] − E_p[f]; the
     * curvature is Cov_p[f] (the exact negated Hessian when one solution is relevant; with several, the true one,
     * Cov_p − Cov_q, may be indefinite, so Cov_p keeps the direction an ascent and the line search its length).
     */
    private static void accumulate(Example e, double[] w, double[] gradient, double[][] curvature) {
        int k = e.features().length;
        int d = w.length;
        double[] score = scores(e, w);
        double all = logSumExp(score, null);
        double rel = logSumExp(score, e.relevant());
        double[] meanP = new double[d];
        double[] meanQ = new double[d];
        double[][] secondP = new double[d][d];
        for (int i = 0; i < k; i++) {
            double p = Math.exp(score[i] - all);
            double q = e.relevant()[i] ? Math.exp(score[i] - rel) : 0;
            double[] f = e.features()[i];
            for (int a = 0; a < d; a++) {
                meanP[a] += p * f[a];
                meanQ[a] += q * f[a];
                for (int b = 0; b < d; b++) {
                    secondP[a][b] += p * f[a] * f[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            gradient[a] += meanQ[a] - meanP[a];
            for (int b = 0; b < d; b++) {
                curvature[a][b] += secondP[a][b] - meanP[a] * meanP[b];
            }
        }
    }

    /**
     * Per feature, its standard deviation within questions (each candidate's value minus its question's mean: only
     * differences between a question's candidates move its softmax); 0 for a feature that never differs, which then
     * keeps weight 0. A non-finite feature value is refused: it would make every weight meaningless.
     */
    static double[] scales(List<Example> examples, int dimensions) {
        double[] sumSquares = new double[dimensions];
        long n = 0;
        for (Example e : examples) {
            int k = e.features().length;
            double[] mean = new double[dimensions];
            for (double[] f : e.features()) {
                for (int j = 0; j < dimensions; j++) {
                    if (!Double.isFinite(f[j])) {
                        throw new IllegalArgumentException("Feature " + j + " is not finite (" + f[j] + ") in a tuning question");
                    }
                    mean[j] += f[j] / k;
                }
            }
            for (double[] f : e.features()) {
                for (int j = 0; j < dimensions; j++) {
                    sumSquares[j] += (f[j] - mean[j]) * (f[j] - mean[j]);
                }
            }
            n += k;
        }
        double[] scale = new double[dimensions];
        for (int j = 0; j < dimensions; j++) {
            double sd = n == 0 ? 0 : Math.sqrt(sumSquares[j] / n);
            scale[j] = sd > 1e-12 ? sd : 0;
        }
        return scale;
    }

    private static Example scaled(Example e, double[] scale) {
        double[][] f = new double[e.features().length][scale.length];
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < scale.length; j++) {
                f[i][j] = scale[j] == 0 ? 0 : e.features()[i][j] / scale[j];
            }
        }
        return new Example(f, e.relevant());
    }

    /** Gaussian elimination with partial pivoting: {@code a x = b}. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double factor = m[r][c] / m[c][c];
                for (int j = c; j <= n; j++) {
                    m[r][j] -= factor * m[c][j];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int j = r + 1; j < n; j++) {
                sum -= m[r][j] * x[j];
            }
            x[r] = sum / m[r][r];
        }
        return x;
    }

    private RankingFit() {}
}
