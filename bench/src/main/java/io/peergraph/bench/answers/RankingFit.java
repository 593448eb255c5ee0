package io.peergraph.bench.answers;

import java.util.List;

/**
 * Fits the weights of {@code SolutionRanking}'s features as a conditional logit (listwise softmax): for each tuning
 * question, the probability of its candidates is {@code exp(w·f) / Σ exp(w·f)}, and the fit maximises the log of the
 * probability given to the solutions that worked for it, minus a ridge penalty {@code λ/2 |w|²} (the penalty keeps
 * correlated features — the levels' shares move together — from trading huge opposite weights). The objective is
 * concave, so Newton's method converges in a few steps.
 */
final class RankingFit {

    /** One tuning question: per candidate its features, and whether it worked for the question. */
    record Example(double[][] features, boolean[] relevant) {}

    static double[] fit(List<Example> examples, int dimensions, double ridge) {
        double[] w = new double[dimensions];
        for (int iteration = 0; iteration < 200; iteration++) {
            double[] gradient = new double[dimensions];
            double[][] hessian = new double[dimensions][dimensions];
            for (int j = 0; j < dimensions; j++) {
                gradient[j] = -ridge * w[j];
                hessian[j][j] = ridge;
            }
            for (Example e : examples) {
                accumulate(e, w, gradient, hessian);
            }
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < dimensions; j++) {
                w[j] += step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        return w;
    }

    /**
     * Adds one question's gradient of log Σ_{r relevant} p(r) and the curvature used for the step: with p the softmax
     * over all candidates and q the softmax over the relevant ones, the gradient is E_q[f] − E_p[f]; the step uses
     * Cov_p[f] (the exact negated Hessian when one solution is relevant; with several, an upper bound of the
     * curvature, which keeps each step an ascent of the concave minorant where q is held fixed).
     */
    private static void accumulate(Example e, double[] w, double[] gradient, double[][] hessian) {
        int k = e.features().length;
        int d = w.length;
        double[] score = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                score[i] += w[j] * e.features()[i][j];
            }
            max = Math.max(max, score[i]);
        }
        double all = 0;
        double rel = 0;
        for (int i = 0; i < k; i++) {
            double x = Math.exp(score[i] - max);
            all += x;
            rel += e.relevant()[i] ? x : 0;
        }
        double[] meanP = new double[d];
        double[] meanQ = new double[d];
        double[][] secondP = new double[d][d];
        for (int i = 0; i < k; i++) {
            double x = Math.exp(score[i] - max);
            double p = x / all;
            double q = e.relevant()[i] ? x / rel : 0;
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
                hessian[a][b] += secondP[a][b] - meanP[a] * meanP[b];
            }
        }
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
