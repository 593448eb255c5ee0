package io.peergraph.api.report;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.peers.Peer;
import io.peergraph.api.peers.Pseudonyms;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.api.security.Role;
import io.peergraph.api.symptom.ApprovalByUse;
import io.peergraph.api.symptom.ShownSymptoms;
import io.peergraph.api.symptom.SymptomInputs;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.Symptom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Reports (cases). Owners (and support staff) see a report whole; other customers see a shareable report
 * pseudonymously: no configuration, no interactions, the author only as a per-viewer pseudonym.
 */
@Controller
public class ReportController {

    public record ReportSymptomInput(String configuration, List<String> symptoms, String product, String title, String text,
                                     Privacy privacy, OffsetDateTime occurredAt) {}

    public record UpdateReportInput(String title, String text, Report.Status status, Privacy privacy) {}

    public record AddInteractionInput(Interaction.Channel channel, Interaction.Direction direction, String text, String outcome) {}

    private final CallerResolver callers;
    private final Ownership ownership;
    private final ReportStore reports;
    private final ShownSymptoms shownSymptoms;
    private final ProductStore products;
    private final ConfigurationStore configurations;
    private final Pseudonyms pseudonyms;
    private final SymptomInputs symptomInputs;
    private final ReportingCases cases;
    private final ApprovalByUse approvalByUse;

    public ReportController(CallerResolver callers, Ownership ownership, ReportStore reports, ShownSymptoms shownSymptoms,
                            ProductStore products, ConfigurationStore configurations, Pseudonyms pseudonyms,
                            SymptomInputs symptomInputs, ReportingCases cases, ApprovalByUse approvalByUse) {
        this.callers = callers;
        this.ownership = ownership;
        this.reports = reports;
        this.shownSymptoms = shownSymptoms;
        this.products = products;
        this.configurations = configurations;
        this.pseudonyms = pseudonyms;
        this.symptomInputs = symptomInputs;
        this.cases = cases;
        this.approvalByUse = approvalByUse;
    }

    @QueryMapping
    public Report report(@Argument String id) {
        Caller caller = callers.current();
        return cases.read(caller, Inputs.id("id", id, PublicId.REPORT));
    }

    @MutationMapping
    public Report reportSymptom(@Argument ReportSymptomInput input) {
        Caller caller = callers.current();
        String configuration = Inputs.id("input.configuration", input.configuration(), PublicId.CONFIGURATION);
        List<String> symptomIds = symptomInputs.existing("input.symptoms", input.symptoms(), caller.customerId());
        String product = input.product() == null ? null : Inputs.id("input.product", input.product(), PublicId.PRODUCT);
        String title = Inputs.requiredLine("input.title", input.title(), Inputs.NAME_MAX);
        String text = Inputs.optionalBlock("input.text", input.text(), Inputs.TEXT_MAX);
        if (input.occurredAt() != null && input.occurredAt().isAfter(OffsetDateTime.now().plusMinutes(5))) {
            throw new ApiException.BadUserInput("input.occurredAt", "must not be in the future");
        }
        Report report = cases.report(caller, configuration, symptomIds, product, title, text, input.privacy(),
                input.occurredAt() == null ? null : input.occurredAt().toZonedDateTime());
        approvalByUse.afterReport(symptomIds); // committed: it counts
        return report;
    }

    @MutationMapping
    public Report updateReport(@Argument String id, @Argument UpdateReportInput input) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.REPORT);
        String title = input.title() == null ? null : Inputs.requiredLine("input.title", input.title(), Inputs.NAME_MAX);
        String text = Inputs.optionalBlock("input.text", input.text(), Inputs.TEXT_MAX);
        return cases.update(caller, id, new ReportStore.ReportChange(title, text, input.status(), input.privacy()));
    }

    @MutationMapping
    public Interaction addInteraction(@Argument String report, @Argument AddInteractionInput input) {
        Caller caller = callers.current();
        Inputs.id("report", report, PublicId.REPORT);
        String text = Inputs.optionalBlock("input.text", input.text(), Inputs.TEXT_MAX);
        if (text == null) {
            throw new ApiException.BadUserInput("input.text", "must not be empty");
        }
        String outcome = Inputs.optionalLine("input.outcome", input.outcome(), 64);
        return cases.addInteraction(caller, report, input.channel(), input.direction(), text, outcome);
    }

    @SchemaMapping(typeName = "Report")
    public boolean mine(Report report) {
        return report.ownerId().equals(callers.current().customerId());
    }

    @SchemaMapping(typeName = "Report")
    public Peer peer(Report report) {
        String viewer = callers.current().customerId();
        return report.ownerId().equals(viewer) ? null : new Peer(pseudonyms.of(viewer, report.ownerId()));
    }

    @BatchMapping(typeName = "Report", field = "configuration")
    public Map<Report, Configuration> configuration(List<Report> list) {
        Set<String> whole = seenWhole(callers.current(), list.stream().filter(r -> r.configurationId() != null).toList());
        List<Report> visible = list.stream().filter(r -> whole.contains(r.id())).toList();
        Map<String, Configuration> byId = configurations.byIds(visible.stream().map(Report::configurationId).distinct().toList())
                .stream().collect(Collectors.toMap(Configuration::id, Function.identity()));
        Map<Report, Configuration> out = new HashMap<>();
        list.forEach(r -> out.put(r, whole.contains(r.id()) ? byId.get(r.configurationId()) : null));
        return out;
    }

    @BatchMapping(typeName = "Report", field = "product")
    public Map<Report, Product> product(List<Report> list) {
        Map<String, Product> byId = products.byIds(list.stream().map(Report::productId).filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(Product::id, Function.identity()));
        Map<Report, Product> out = new HashMap<>();
        list.forEach(r -> out.put(r, r.productId() == null ? null : byId.get(r.productId())));
        return out;
    }

    @BatchMapping(typeName = "Report", field = "symptoms")
    public Map<Report, List<Symptom>> symptoms(List<Report> list) {
        return shownSymptoms.of(list, Report::symptomIds);
    }

    @BatchMapping(typeName = "Report", field = "interactions")
    public Map<Report, List<Interaction>> interactions(List<Report> list) {
        Set<String> whole = seenWhole(callers.current(), list);
        Map<String, List<Interaction>> byReport = reports.interactions(List.copyOf(whole));
        return list.stream().collect(Collectors.toMap(Function.identity(),
                r -> byReport.getOrDefault(r.id(), List.of()), (a, b) -> a));
    }

    /**
     * The ids of the reports the caller sees whole, for a batch: the caller's own and support staff's need no query;
     * the rest (organisation members' reports, or others') are settled by one query for the whole batch.
     */
    private Set<String> seenWhole(Caller caller, List<Report> list) {
        Set<String> whole = new HashSet<>();
        List<String> ask = new ArrayList<>();
        for (Report r : list) {
            if (caller.has(Role.SUPPORT) || r.ownerId().equals(caller.customerId())) {
                whole.add(r.id());
            } else {
                ask.add(r.id());
            }
        }
        whole.addAll(ownership.readable(caller, ask));
        return whole;
    }
}
