package io.peergraph.api.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peergraph.api.config.RetriedWhenGraphBusy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/**
 * The layers inside the modules (docs/architecture.md): only graph-model talks to Neo4j, through the driver or
 * Spring Data Neo4j, and only graph-model (and the benches) hold Cypher; controllers parse, call a use case and map,
 * so they neither open transactions nor lean on one another.
 * <p>
 * Checked on the compiled main classes of every module (the api's classpath holds them all) and, for Cypher, on the
 * main sources of every module. The allowances below name the classes still on their way into graph-model; each
 * entry must still break the rule (the test fails on an entry that no longer does), so the lists only shrink.
 */
class LayersInsideModulesTest {

    /** The one thing outside graph-model that may touch the driver: the ingest engine holds a transaction handle. */
    static final String INGEST_TRANSACTION_HANDLE = "org.neo4j.driver.TransactionContext";

    /** What other modules hold instead of the Driver. */
    static final String GRAPH_CONNECTION = "io.peergraph.graph.driver.GraphConnection";

    /**
     * Classes outside graph-model that still use the driver or Spring Data Neo4j: none (issue 17). graph-model wires its
     * own beans ({@code GraphModelConfiguration}: the Driver, the stores, the operations) and its operations take a
     * {@code GraphConnection}, so the other modules hold graph-model objects only. An entry added here must still break
     * the rule (the test fails on one that no longer does), so the list only shrinks.
     */
    static final Set<String> DRIVER_ALLOWANCE = Set.of();

    /** Source files outside graph-model and bench that hold Cypher: none (issue 17). */
    static final Set<String> CYPHER_ALLOWANCE = Set.of();

    /** Text that only Cypher says: a clause opening a pattern, a parameter list unwound, a procedure of the database. */
    static final Pattern CYPHER = Pattern.compile(
            "\\b(OPTIONAL MATCH|MATCH|MERGE|CREATE)\\s*\\(|\\bUNWIND\\s+\\$|\\bDETACH DELETE\\b|\\bCALL\\s+(db|dbms|apoc)\\.|\\bRETURN\\s+\\w+(\\.\\w+)?\\s+AS\\b");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.peergraph");
    }

    @Test
    void onlyGraphModelTalksToNeo4j() {
        Set<String> violators = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.getPackageName().startsWith("io.peergraph.graph") || c.getPackageName().startsWith("io.peergraph.bench")) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getName();
                boolean neo4j = target.startsWith("org.neo4j.driver.") || target.startsWith("org.springframework.data.neo4j.");
                boolean handle = c.getPackageName().startsWith("io.peergraph.ingest") && target.equals(INGEST_TRANSACTION_HANDLE);
                if (neo4j && !handle) {
                    violators.add(topLevel(c));
                }
            }
            // The connection graph-model hands out opens onto the Driver only for graph-model's own operations.
            if (c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner().getName().equals(GRAPH_CONNECTION)
                    && call.getName().equals("driver"))) {
                violators.add(topLevel(c));
            }
        }
        assertThat(violators).as("classes outside graph-model using the Neo4j driver or Spring Data Neo4j, not allowed yet")
                .isSubsetOf(DRIVER_ALLOWANCE);
        assertThat(DRIVER_ALLOWANCE).as("allowed classes that no longer use Neo4j: remove them from DRIVER_ALLOWANCE")
                .isSubsetOf(violators);
    }

    @Test
    void controllersDoNotDependOnOtherControllers() {
        for (JavaClass controller : classes.that(CanBeAnnotated.Predicates.annotatedWith(Controller.class))) {
            Set<String> others = new TreeSet<>();
            controller.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass)
                    .filter(t -> t.isAnnotatedWith(Controller.class) && !topLevel(t).equals(topLevel(controller)))
                    .forEach(t -> others.add(t.getName()));
            assertThat(others).as(controller.getName() + " depends on other controllers: call a use case instead").isEmpty();
        }
    }

    @Test
    void controllersOpenNoTransactions() {
        noClasses().that().areAnnotatedWith(Controller.class).should().beAnnotatedWith(Transactional.class)
                .orShould().beAnnotatedWith("jakarta.transaction.Transactional").check(classes);
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Controller.class)
                .should().notBeAnnotatedWith(Transactional.class)
                .andShould().notBeAnnotatedWith("jakarta.transaction.Transactional")
                .because("transactions belong to the use case the controller calls").check(classes);
    }

    @Test
    void everyUseCaseRunsAgainWhenTheGraphSaysTryAgain() {
        classes().that().resideInAPackage("io.peergraph.api..").and().containAnyMethodsThat(describe("are transactional", m -> m.isAnnotatedWith(Transactional.class)))
                .should().beAnnotatedWith(RetriedWhenGraphBusy.class)
                .because("a deadlock Neo4j breaks rolls back one of the transactions; its customer should not see 'database busy'")
                .check(classes);
    }

    @Test
    void onlyGraphModelAndBenchesHoldCypher() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> holders = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                String name = module.getFileName().toString();
                if (name.equals("graph-model") || name.equals("bench")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).filter(LayersInsideModulesTest::holdsCypher)
                            .forEach(f -> holders.add(root.relativize(f).toString().replace('\\', '/')));
                }
            }
        }
        assertThat(holders).as("main sources outside graph-model and bench holding Cypher, not allowed yet").isSubsetOf(CYPHER_ALLOWANCE);
        assertThat(CYPHER_ALLOWANCE).as("allowed sources without Cypher now: remove them from CYPHER_ALLOWANCE").isSubsetOf(holders);
    }

    @Test
    void theCypherScanRecognisesCypher() {
        assertThat(CYPHER.matcher("MATCH (s:Symptom {id: $id}) RETURN s.id AS id").find()).isTrue();
        assertThat(CYPHER.matcher("UNWIND $ids AS id").find()).isTrue();
        assertThat(CYPHER.matcher("case \"MERGE_TAGS\" -> merge(tags)").find()).isFalse();
    }

    /** Lines of code (comments left out) that say Cypher. */
    static boolean holdsCypher(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().map(String::strip)
                    .filter(l -> !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("/*"))
                    .anyMatch(l -> CYPHER.matcher(l).find());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String topLevel(JavaClass c) {
        String name = c.getName();
        int inner = name.indexOf('$');
        return inner < 0 ? name : name.substring(0, inner);
    }
}
