package io.peergraph.graph.taxonomy.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.VerifiedProducts;
import io.peergraph.graph.tag.Tags;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** The history moderators read says what happened in words, not as a Java record (issue 19). */
class CurationSummaryTest {

    static final String MODERATOR = "cus_moderatormoderatormo";

    @Test
    void aMergeAndItsUndoReadAsWords() {
        Driver driver = SharedNeo4j.driver();
        SharedNeo4j.wipe();
        VerifiedProducts.Entry product = new VerifiedProducts.Entry("test:pipewire-user", "PipeWire user");
        VerifiedProducts.ensure(GraphConnection.over(driver), List.of(product));
        Tags tags = new Tags(GraphConnection.over(driver));
        String source = tags.tag(PublicId.CUSTOMER.fromKey("ann"), product.id(), "pipe-wire").tagId();
        String target = tags.tag(PublicId.CUSTOMER.fromKey("bob"), product.id(), "pipewire").tagId();
        Curation curation = new Curation(driver);

        CurationResult merged = curation.apply(MODERATOR, new CurationCommand.MergeTags(source, target, "en"));
        assertThat(merged).isInstanceOf(CurationResult.Applied.class);
        AuditEntry event = ((CurationResult.Applied) merged).event();
        assertThat(event.summary()).isEqualTo("merged tag pipe-wire into pipewire");

        CurationResult undone = curation.undo(MODERATOR, event.id());
        assertThat(undone).isInstanceOf(CurationResult.Applied.class);
        assertThat(((CurationResult.Applied) undone).event().summary()).isEqualTo("undid: merged tag pipe-wire into pipewire");
    }
}
