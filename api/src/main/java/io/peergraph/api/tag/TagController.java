package io.peergraph.api.tag;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.tag.Tag;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.tag.TagRequest;
import io.peergraph.graph.tag.TagStore;
import io.peergraph.graph.tag.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Free tagging of reports, solutions, products and configurations, through graph-model's {@link Tags}: a
 * merged label lands on the surviving tag, a concept's label or altLabel on the concept, and the mutation is the
 * one transaction Tags runs (the checks before it only read).
 */
@Controller
public class TagController {

    static final int LABEL_MAX = 64;

    private final CallerResolver callers;
    private final Ownership ownership;
    private final TagStore tags;
    private final Tags tagging;
    private final ReportStore reports;
    private final CommunityTagging community;

    public TagController(CallerResolver callers, Ownership ownership, TagStore tags, Tags tagging, ReportStore reports,
                         CommunityTagging community) {
        this.callers = callers;
        this.ownership = ownership;
        this.tags = tags;
        this.tagging = tagging;
        this.reports = reports;
        this.community = community;
    }

    @MutationMapping
    public Tag tag(@Argument String target, @Argument String label) {
        Caller caller = callers.current();
        String clean = validLabel(label);
        boolean othersThing = requireTaggable(caller, target);
        community.check(caller, TagLabel.normalize(clean), othersThing);
        return tagging.tagAll(List.of(new TagRequest(caller.customerId(), target, clean))).stream().findFirst()
                .map(a -> new Tag(a.tagId(), a.label(), a.normalized(), a.usageCount()))
                .orElseThrow(() -> new ApiException.NotFound("thing", target));
    }

    @MutationMapping
    public boolean untag(@Argument String target, @Argument String label) {
        Caller caller = callers.current();
        String clean = validLabel(label);
        taggableType(target);
        return tagging.untag(caller.customerId(), target, clean);
    }

    @BatchMapping(typeName = "Report", field = "tags")
    public Map<Report, List<Tag>> reportTags(List<Report> list) {
        return tagsOf(list, Report::id);
    }

    @BatchMapping(typeName = "Solution", field = "tags")
    public Map<Solution, List<Tag>> solutionTags(List<Solution> list) {
        return tagsOf(list, Solution::id);
    }

    @BatchMapping(typeName = "Product", field = "tags")
    public Map<Product, List<Tag>> productTags(List<Product> list) {
        return tagsOf(list, Product::id);
    }

    @BatchMapping(typeName = "Configuration", field = "tags")
    public Map<Configuration, List<Tag>> configurationTags(List<Configuration> list) {
        return tagsOf(list, Configuration::id);
    }

    private <T> Map<T, List<Tag>> tagsOf(List<T> things, Function<T, String> id) {
        Map<String, List<Tag>> byId = tags.tagsOf(things.stream().map(id).distinct().toList());
        return things.stream().collect(Collectors.toMap(Function.identity(), t -> byId.getOrDefault(id.apply(t), List.of()), (a, b) -> a));
    }

    /**
     * Products and solutions are community knowledge; configurations only the owner's; reports the owner's or
     * shareable ones. True when the thing is someone else's (a product is everyone's): {@link CommunityTagging}'s rule.
     */
    private boolean requireTaggable(Caller caller, String target) {
        return switch (taggableType(target)) {
            case CONFIGURATION -> {
                ownership.requireWrite(caller, target, "configuration");
                yield false;
            }
            case REPORT -> {
                Report report = reports.byId(target).orElseThrow(() -> new ApiException.NotFound("report", target));
                var access = ownership.of(caller, target, "report");
                if (report.privacy() == Privacy.PRIVATE && !access.canRead()) {
                    throw new ApiException.Forbidden("This report is private.");
                }
                yield !access.canWrite();
            }
            case SOLUTION -> !ownership.of(caller, target, "solution").canWrite();
            default -> true; // PRODUCT: existence is checked by the write
        };
    }

    private static PublicId taggableType(String target) {
        return PublicId.typeOf(target).filter(TagStore.TAGGABLE::contains).orElseThrow(() ->
                new ApiException.BadUserInput("target", "must be the id of a report, solution, product or configuration"));
    }

    private static String validLabel(String label) {
        String clean = Inputs.requiredLine("label", label, LABEL_MAX);
        if (TagLabel.normalize(clean).isEmpty()) {
            throw new ApiException.BadUserInput("label", "must contain letters or digits");
        }
        return clean;
    }
}
