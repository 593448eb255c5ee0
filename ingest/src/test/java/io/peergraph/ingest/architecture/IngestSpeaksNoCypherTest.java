package io.peergraph.ingest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Only graph-model speaks Cypher (issue 17): the import engine holds the batch's transaction and hands it to
 * graph-model's import operations (io.peergraph.graph.imports), but runs no statement of its own.
 */
@AnalyzeClasses(packages = "io.peergraph.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class IngestSpeaksNoCypherTest {

    private static final DescribedPredicate<JavaMethodCall> RUNS_CYPHER = new DescribedPredicate<>(
            "run a statement through the Neo4j driver (run, executableQuery)") {
        @Override
        public boolean test(JavaMethodCall call) {
            return call.getTargetOwner().isAssignableTo(SimpleQueryRunner.class) && call.getName().equals("run")
                    || call.getTargetOwner().isAssignableTo(Driver.class) && call.getName().equals("executableQuery");
        }
    };

    @ArchTest
    static final ArchRule ingestRunsNoStatement = noClasses().that().resideInAPackage("io.peergraph.ingest..")
            .should().callMethodWhere(RUNS_CYPHER)
            .because("Cypher lives in graph-model, behind named operations that keep signatures and outbox events current");
}
