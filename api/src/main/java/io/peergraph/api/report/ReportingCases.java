package io.peergraph.api.report;

import io.peergraph.api.audit.SupportReads;
import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.api.security.Role;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.ProductStore;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of reports (cases): reading one, reporting a symptom, changing a report, adding an interaction.
 * Each checks who may do it, writes and audits in one transaction. Inputs arrive parsed (the controller's job).
 */
@Component
@RetriedWhenGraphBusy
public class ReportingCases {

    private final Ownership ownership;
    private final ReportStore reports;
    private final ProductStore products;
    private final ConfigurationStore configurations;
    private final AuditTrail audit;
    private final SupportReads supportReads;

    public ReportingCases(Ownership ownership, ReportStore reports, ProductStore products, ConfigurationStore configurations,
                          AuditTrail audit, SupportReads supportReads) {
        this.ownership = ownership;
        this.reports = reports;
        this.products = products;
        this.configurations = configurations;
        this.audit = audit;
        this.supportReads = supportReads;
    }

    /** The report, if the caller may see it at all (a PRIVATE one: whole viewers only); support reads are audited. */
    public Report read(Caller caller, String id) {
        Report report = reports.byId(id).orElseThrow(() -> new ApiException.NotFound("report", id));
        if (report.privacy() == Privacy.PRIVATE && !ownership.seesWhole(caller, report.id(), "report")) {
            throw new ApiException.Forbidden("This report is private.");
        }
        if (caller.has(Role.SUPPORT) && !report.ownerId().equals(caller.customerId())) {
            supportReads.record(caller.customerId(), report.id(), "case");
        }
        return report;
    }

    /** A new report on a configuration the caller may change, owned by the configuration's owner. */
    @Transactional
    public Report report(Caller caller, String configuration, List<String> symptomIds, String product, String title, String text,
                         Privacy privacy, ZonedDateTime occurredAt) {
        ownership.requireWrite(caller, configuration, "configuration");
        if (product != null && products.byId(product).isEmpty()) {
            throw new ApiException.BadUserInput("input.product", "no product has this id");
        }
        return reports.create(new ReportStore.NewReport(configurations.byId(configuration).orElseThrow().ownerId(), configuration,
                product, symptomIds, title, text, privacy == null ? Privacy.COMMUNITY : privacy, occurredAt));
    }

    /** Changes the caller's report; a privacy change is audited. */
    @Transactional
    public Report update(Caller caller, String id, ReportStore.ReportChange change) {
        ownership.requireWrite(caller, id, "report");
        if (change.privacy() != null) {
            audit.record(caller.customerId(), "PRIVACY_CHANGED", id, "report privacy set to " + change.privacy());
        }
        return reports.update(id, change);
    }

    /** An interaction on the caller's report; support staff add to any report, outbound unless told otherwise. */
    @Transactional
    public Interaction addInteraction(Caller caller, String report, Interaction.Channel channel, Interaction.Direction direction,
                                      String text, String outcome) {
        boolean support = caller.has(Role.SUPPORT);
        if (!support) {
            ownership.requireWrite(caller, report, "report");
        } else if (reports.byId(report).isEmpty()) {
            throw new ApiException.NotFound("report", report);
        }
        Interaction.Direction actual = direction != null ? direction
                : support ? Interaction.Direction.OUTBOUND : Interaction.Direction.INBOUND;
        return reports.addInteraction(report, channel, actual, text, outcome, caller.customerId());
    }
}
