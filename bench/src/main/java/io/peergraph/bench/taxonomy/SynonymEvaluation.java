package io.peergraph.bench.taxonomy;

import io.peergraph.graph.tag.UsageSimilarity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * How precise the synonym candidates by usage are ({@link UsageSimilarity}, the code TagSuggestions runs), on Debian's
 * debtags assignments (46,646 packages): held-out merges. A set of real tags is split, each in two names: on every
 * package carrying the tag, customers use one name or the other at random, never both, as customers do with two
 * names of one thing. The true synonym pairs are the split tags; any other pair proposed counts as wrong (even where
 * two debtags are near-synonyms, so the figures are a lower bound). The tags used on at least 20 packages are shuffled
 * and halved: the cosine threshold is tuned on the first half's splits (best F1) and the figures are reported on the
 * second half's, with Wilson 95% intervals, beside two baselines in the same run: pairs of random tags of the same
 * frequency, as many as the method proposes, and the plain overlap of the tags' neighbours (Jaccard of the sets of
 * other tags on their packages, no weighting, under the same mutual-nearest rule), its threshold tuned the same way.
 */
public final class SynonymEvaluation {

    private static final int MIN_USES = 5;
    private static final double MAX_TOGETHER = 0.1;
    private static final int MIN_SPLIT_USES = 20;

    private record Usage(int tagCount, List<int[]> things, Set<Long> truth, int splits) {}

    private record Score(int proposed, int correct, int truths) {
        double precision() {
            return proposed == 0 ? 0 : (double) correct / proposed;
        }

        double recall() {
            return (double) correct / truths;
        }

        double f1() {
            return correct == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
        }

        String text() {
            return "precision %s, recall %s (%d proposed, %d of %d held-out pairs found)".formatted(interval(correct, proposed),
                    interval(correct, truths), proposed, correct, truths);
        }
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i], argv[i + 1]);
        }
        Path file = Path.of(args.getOrDefault("--data", "../shared/data/taxonomies")).resolve("debtags-tags-current.gz");
        long seed = Long.parseLong(args.getOrDefault("--seed", "42"));
        int splitsPerHalf = Integer.parseInt(args.getOrDefault("--splits", "100"));
        if (!Files.exists(file)) {
            System.out.println("Skipped: " + file + " is missing");
            return;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<int[]> things = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                things.add(java.util.Arrays.stream(line.substring(colon + 1).split(",")).map(String::strip).filter(t -> !t.isEmpty())
                        .mapToInt(t -> index.computeIfAbsent(t, k -> index.size())).distinct().sorted().toArray());
            }
        }
        int[] uses = uses(things, index.size());
        List<Integer> splittable = new ArrayList<>();
        for (int t = 0; t < uses.length; t++) {
            if (uses[t] >= MIN_SPLIT_USES) {
                splittable.add(t);
            }
        }
        Random random = new Random(seed);
        Collections.shuffle(splittable, random);
        List<Integer> tuneTags = splittable.subList(0, splittable.size() / 2);
        List<Integer> reportTags = splittable.subList(splittable.size() / 2, splittable.size());
        System.out.printf("debtags: %d packages, %d tags, %d used on >= %d packages (halved: tune %d, report %d)%n", things.size(), uses.length,
                splittable.size(), MIN_SPLIT_USES, tuneTags.size(), reportTags.size());

        Usage tune = split(things, uses.length, tuneTags.subList(0, Math.min(splitsPerHalf, tuneTags.size())), random);
        Usage report = split(things, uses.length, reportTags.subList(0, Math.min(splitsPerHalf, reportTags.size())), random);

        double[] grid = {0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};
        long t0 = System.nanoTime();
        List<UsageSimilarity.Pair> tunePairs = UsageSimilarity.similarPairs(tune.tagCount(), tune.things(), null, MIN_USES, grid[0], MAX_TOGETHER);
        long tuneMillis = (System.nanoTime() - t0) / 1_000_000;
        double best = grid[0];
        double bestF1 = -1;
        System.out.println("Tuning split (usage, PPMI cosine): threshold -> precision / recall / F1");
        for (double g : grid) {
            Score s = score(tunePairs.stream().filter(p -> p.cosine() >= g).map(p -> pair(p.a(), p.b())).toList(), tune);
            System.out.printf("  %.2f -> %.3f / %.3f / %.3f (%d proposed)%n", g, s.precision(), s.recall(), s.f1(), s.proposed());
            if (s.f1() > bestF1) {
                bestF1 = s.f1();
                best = g;
            }
        }
        Map<Long, Double> tuneOverlap = neighbourOverlap(tune, grid[0]);
        double bestOverlap = grid[0];
        double bestOverlapF1 = -1;
        for (double g : grid) {
            Score s = score(tuneOverlap.entrySet().stream().filter(e -> e.getValue() >= g).map(Map.Entry::getKey).toList(), tune);
            if (s.f1() > bestOverlapF1) {
                bestOverlapF1 = s.f1();
                bestOverlap = g;
            }
        }
        System.out.printf("Tuned: usage cosine >= %.2f (F1 %.3f), neighbour overlap >= %.2f (F1 %.3f); usage pass over %d packages in %d ms%n",
                best, bestF1, bestOverlap, bestOverlapF1, tune.things().size(), tuneMillis);

        double threshold = best;
        List<Long> proposed = UsageSimilarity.similarPairs(report.tagCount(), report.things(), null, MIN_USES, threshold, MAX_TOGETHER).stream()
                .map(p -> pair(p.a(), p.b())).toList();
        Score usage = score(proposed, report);
        double overlapThreshold = bestOverlap;
        Score overlap = score(neighbourOverlap(report, overlapThreshold).keySet().stream().toList(), report);
        Score randomPairs = randomOfSameFrequency(proposed, report, new Random(seed + 1), 20);
        System.out.printf("Report split (%d held-out pairs, tags used on >= %d packages, at most %.0f%% of the rarer's packages together):%n",
                report.splits(), MIN_USES, 100 * MAX_TOGETHER);
        System.out.println("  usage (PPMI cosine >= " + threshold + "): " + usage.text());
        System.out.println("  baseline neighbour overlap (Jaccard >= " + overlapThreshold + "): " + overlap.text());
        System.out.println("  baseline random pairs of the same frequency (x20): " + randomPairs.text());
    }

    /** The data with each of {@code tags} split into itself and a new tag, one or the other per package at random. */
    private static Usage split(List<int[]> things, int tagCount, List<Integer> tags, Random random) {
        Map<Integer, Integer> twin = new HashMap<>();
        Set<Long> truth = new HashSet<>();
        for (int t : tags) {
            int other = tagCount + twin.size();
            twin.put(t, other);
            truth.add(pair(t, other));
        }
        List<int[]> out = new ArrayList<>(things.size());
        for (int[] ts : things) {
            int[] copy = ts.clone();
            for (int i = 0; i < copy.length; i++) {
                Integer other = twin.get(copy[i]);
                if (other != null && random.nextBoolean()) {
                    copy[i] = other;
                }
            }
            java.util.Arrays.sort(copy);
            out.add(copy);
        }
        return new Usage(tagCount + twin.size(), out, truth, tags.size());
    }

    private static Score score(List<Long> proposed, Usage usage) {
        int correct = (int) proposed.stream().filter(usage.truth()::contains).count();
        return new Score(proposed.size(), correct, usage.splits());
    }

    /** Pairs whose sets of neighbour tags (other tags on their packages) overlap by at least {@code min} (Jaccard). */
    private static Map<Long, Double> neighbourOverlap(Usage usage, double min) {
        int[] uses = new int[usage.tagCount()];
        List<Set<Integer>> neighbours = new ArrayList<>();
        for (int t = 0; t < usage.tagCount(); t++) {
            neighbours.add(new HashSet<>());
        }
        Map<Long, Integer> together = new HashMap<>();
        for (int[] ts : usage.things()) {
            for (int t : ts) {
                uses[t]++;
                for (int c : ts) {
                    if (c != t) {
                        neighbours.get(t).add(c);
                        if (t < c) {
                            together.merge(pair(t, c), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        Map<Long, Double> all = new HashMap<>();
        for (int a = 0; a < usage.tagCount(); a++) {
            if (uses[a] < MIN_USES) {
                continue;
            }
            for (int b = a + 1; b < usage.tagCount(); b++) {
                if (uses[b] < MIN_USES || together.getOrDefault(pair(a, b), 0) > MAX_TOGETHER * Math.min(uses[a], uses[b])) {
                    continue;
                }
                Set<Integer> na = new HashSet<>(neighbours.get(a));
                na.remove(b);
                Set<Integer> nb = new HashSet<>(neighbours.get(b));
                nb.remove(a);
                int shared = 0;
                for (int x : na) {
                    if (nb.contains(x)) {
                        shared++;
                    }
                }
                int union = na.size() + nb.size() - shared;
                double jaccard = union == 0 ? 0 : (double) shared / union;
                if (jaccard > 0) {
                    all.put(pair(a, b), jaccard);
                }
            }
        }
        // The method's mutual-nearest rule, so that the comparison is of the similarity alone.
        double[] best = new double[usage.tagCount()];
        all.forEach((p, j) -> {
            best[(int) (p >>> 32)] = Math.max(best[(int) (p >>> 32)], j);
            best[(int) (long) p] = Math.max(best[(int) (long) p], j);
        });
        Map<Long, Double> out = new HashMap<>();
        all.forEach((p, j) -> {
            if (j >= min && j >= best[(int) (p >>> 32)] && j >= best[(int) (long) p]) {
                out.put(p, j);
            }
        });
        return out;
    }

    /** For each proposed pair, a pair of random tags from the same frequency deciles; {@code rounds} times over. */
    private static Score randomOfSameFrequency(List<Long> proposed, Usage usage, Random random, int rounds) {
        int[] uses = uses(usage.things(), usage.tagCount());
        List<Integer> eligible = new ArrayList<>();
        for (int t = 0; t < uses.length; t++) {
            if (uses[t] >= MIN_USES) {
                eligible.add(t);
            }
        }
        eligible.sort(java.util.Comparator.comparingInt(t -> uses[t]));
        int[] decileOf = new int[uses.length];
        List<List<Integer>> deciles = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            deciles.add(new ArrayList<>());
        }
        for (int i = 0; i < eligible.size(); i++) {
            int d = i * 10 / eligible.size();
            decileOf[eligible.get(i)] = d;
            deciles.get(d).add(eligible.get(i));
        }
        int correct = 0;
        int total = 0;
        for (int r = 0; r < rounds; r++) {
            for (long p : proposed) {
                List<Integer> da = deciles.get(decileOf[(int) (p >>> 32)]);
                List<Integer> db = deciles.get(decileOf[(int) (long) p]);
                int a = da.get(random.nextInt(da.size()));
                int b = db.get(random.nextInt(db.size()));
                if (a != b) {
                    total++;
                    if (usage.truth().contains(pair(a, b))) {
                        correct++;
                    }
                }
            }
        }
        // Scaled to one round's proposals, so recall reads as one round's.
        return new Score(total, correct, usage.splits() * rounds);
    }

    /** Things carrying each tag. */
    private static int[] uses(List<int[]> things, int tagCount) {
        int[] uses = new int[tagCount];
        things.forEach(ts -> {
            for (int t : ts) {
                uses[t]++;
            }
        });
        return uses;
    }

    private static long pair(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /** A proportion with its Wilson score 95% interval. */
    static String interval(int successes, int trials) {
        if (trials == 0) {
            return "n/a";
        }
        double z = 1.96;
        double p = (double) successes / trials;
        double denominator = 1 + z * z / trials;
        double centre = (p + z * z / (2 * trials)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials)) / denominator;
        return "%.3f [%.3f, %.3f]".formatted(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
