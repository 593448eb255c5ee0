package io.peergraph.bench.generate;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.solution.Solution.Kind;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded synthetic community. Each customer's configurations, reports, proposed solutions and confirmations
 * come from a random stream keyed by (seed, what, customer index), never from a shared sequence: the graph does
 * not depend on the order or the batches in which it is generated or loaded, and any customer can be
 * regenerated on its own (to sample questions, for instance).
 */
public final class SyntheticCommunity {

    public record Customer(int index, String handle, String id, List<Configuration> configurations, List<Report> reports) {}

    public record Configuration(String id, String sourceKey, String name, List<Vocabulary.Item> items) {}

    public record Report(String id, String sourceKey, String configurationId, String productId, List<Integer> symptomRanks,
                         String title, String status, ZonedDateTime occurredAt) {}

    public record Solution(String id, String sourceKey, String proposerId, int symptomRank, String title, Kind kind,
                           double efficacy) {}

    public record Confirmation(String id, String sourceKey, String customerId, String solutionId, String configurationId,
                               boolean worked, ZonedDateTime at) {}

    /** "Others with my configuration who saw this symptom", asked by the author of a report about that report. */
    public record Question(String handle, String configurationId, String symptomId) {}

    /** Timestamps are fixed, not "now", so that two loads of the same shape are the same graph. */
    static final ZonedDateTime EPOCH = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private enum Stream { CUSTOMER, SOLUTIONS, CONFIRMATIONS, QUESTIONS }

    private static final String[] STATUSES = {"OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "SOLVED", "SOLVED", "CLOSED"};

    private final CommunityShape shape;
    private final Vocabulary vocabulary = new Vocabulary();
    private final List<Solution> solutions = new ArrayList<>();
    private final Map<Integer, List<Solution>> solutionsBySymptom = new HashMap<>();
    private final Map<Integer, Zipf> popularityBySize = new HashMap<>();

    public SyntheticCommunity(CommunityShape shape) {
        this.shape = shape;
        for (int index = 0; index < shape.customers(); index++) {
            for (Solution solution : proposedBy(index)) {
                solutions.add(solution);
                solutionsBySymptom.computeIfAbsent(solution.symptomRank(), s -> new ArrayList<>()).add(solution);
            }
        }
    }

    public CommunityShape shape() {
        return shape;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    public static String handle(int index) {
        return "bench-%07d".formatted(index);
    }

    public String symptomId(int rank) {
        return vocabulary.symptoms.get(rank).id();
    }

    public Customer customer(int index) {
        SplittableRandom random = random(Stream.CUSTOMER, index);
        String handle = handle(index);
        int configurationCount = 1 + Zipf.poisson(shape.configurationsPerCustomer() - 1, random);
        List<Configuration> configurations = IntStream.range(0, configurationCount).mapToObj(k -> {
            String sourceKey = "bench:configuration:%s:%d".formatted(handle, k);
            return new Configuration(PublicId.CONFIGURATION.fromKey(sourceKey), sourceKey, "Rig " + (k + 1), vocabulary.configuration(random));
        }).toList();
        int reportCount = Zipf.poisson(shape.reportsPerCustomer(), random);
        List<Report> reports = IntStream.range(0, reportCount).mapToObj(j -> {
            String sourceKey = "bench:report:%s:%d".formatted(handle, j);
            Configuration on = configurations.get(random.nextInt(configurations.size()));
            Vocabulary.Named product = vocabulary.product(random);
            List<Integer> symptoms = IntStream.rangeClosed(0, Zipf.poisson(0.4, random))
                    .map(s -> vocabulary.symptomRank(random)).distinct().boxed().toList();
            return new Report(PublicId.REPORT.fromKey(sourceKey), sourceKey, on.id(), product.id(), symptoms,
                    vocabulary.symptoms.get(symptoms.getFirst()).name() + " in " + product.name(),
                    STATUSES[random.nextInt(STATUSES.length)], EPOCH.minusMinutes(random.nextInt(2 * 365 * 24 * 60)));
        }).toList();
        return new Customer(index, handle, PublicId.CUSTOMER.fromKey("handle:" + handle), configurations, reports);
    }

    public List<Solution> solutions() {
        return solutions;
    }

    /**
     * What the customer confirmed: solutions to symptoms of their own reports where they have some (a few
     * solutions per symptom gather most confirmations), on that report's configuration; whether it worked
     * follows the solution's efficacy.
     */
    public List<Confirmation> confirmations(int index) {
        if (solutions.isEmpty()) {
            return List.of();
        }
        Customer customer = customer(index);
        SplittableRandom random = random(Stream.CONFIRMATIONS, index);
        int count = Zipf.poisson(shape.confirmationsPerCustomer(), random);
        Set<String> ids = new HashSet<>();
        List<Confirmation> confirmations = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String configurationId;
            int symptomRank;
            if (customer.reports().isEmpty()) {
                configurationId = customer.configurations().get(random.nextInt(customer.configurations().size())).id();
                symptomRank = vocabulary.symptomRank(random);
            } else {
                Report report = customer.reports().get(random.nextInt(customer.reports().size()));
                configurationId = report.configurationId();
                symptomRank = report.symptomRanks().get(random.nextInt(report.symptomRanks().size()));
            }
            while (!solutionsBySymptom.containsKey(symptomRank)) {
                symptomRank = vocabulary.symptomRank(random);
            }
            List<Solution> candidates = solutionsBySymptom.get(symptomRank);
            Solution solution = candidates.get(popularityBySize.computeIfAbsent(candidates.size(),
                    size -> new Zipf(size, Zipf.COMMUNITY_EXPONENT)).sample(random));
            String key = customer.id() + "|" + solution.id() + "|" + configurationId; // as SolutionStore.confirm
            boolean worked = random.nextDouble() < solution.efficacy();
            if (ids.add(key)) {
                confirmations.add(new Confirmation(PublicId.CONFIRMATION.fromKey(key), "bench:confirmation:" + key, customer.id(),
                        solution.id(), configurationId, worked, EPOCH.minusMinutes(random.nextInt(365 * 24 * 60))));
            }
        }
        return confirmations;
    }

    /**
     * {@code count} questions drawn by report (uniformly over all reports), so that popular symptoms and
     * popular configurations are asked about as often as they are reported.
     */
    public List<Question> questionsByReport(int count) {
        long[] reportsBefore = new long[shape.customers() + 1];
        for (int index = 0; index < shape.customers(); index++) {
            reportsBefore[index + 1] = reportsBefore[index] + customer(index).reports().size();
        }
        SplittableRandom random = random(Stream.QUESTIONS, 0);
        List<Question> questions = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long reportIndex = random.nextLong(reportsBefore[shape.customers()]);
            int at = java.util.Arrays.binarySearch(reportsBefore, reportIndex);
            int index = at >= 0 ? at : -at - 2;
            while (reportsBefore[index + 1] == reportsBefore[index]) {
                index++; // skips customers without reports that share the same prefix sum
            }
            Customer customer = customer(index);
            Report report = customer.reports().get((int) (reportIndex - reportsBefore[index]));
            int symptomRank = report.symptomRanks().get(random.nextInt(report.symptomRanks().size()));
            questions.add(new Question(customer.handle(), report.configurationId(), symptomId(symptomRank)));
        }
        return questions;
    }

    private List<Solution> proposedBy(int index) {
        SplittableRandom random = random(Stream.SOLUTIONS, index);
        String handle = handle(index);
        String proposerId = PublicId.CUSTOMER.fromKey("handle:" + handle);
        int count = Zipf.poisson(shape.solutionsPerCustomer(), random);
        return IntStream.range(0, count).mapToObj(k -> {
            String sourceKey = "bench:solution:%s:%d".formatted(handle, k);
            int symptomRank = vocabulary.symptomRank(random);
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            return new Solution(PublicId.SOLUTION.fromKey(sourceKey), sourceKey, proposerId, symptomRank,
                    "Workaround %d by %s for %s".formatted(k + 1, handle, vocabulary.symptoms.get(symptomRank).name()), kind,
                    0.05 + 0.9 * random.nextDouble());
        }).toList();
    }

    private SplittableRandom random(Stream stream, int index) {
        long h = shape.seed() * 0x9E3779B97F4A7C15L + ((long) stream.ordinal() << 40) + index;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return new SplittableRandom(h ^ (h >>> 33));
    }
}
