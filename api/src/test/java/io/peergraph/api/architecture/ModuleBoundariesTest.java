package io.peergraph.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module graph of DESIGN.md: api → (ingest, search, ontology-seeds) → graph-model, ingest → ontology-seeds,
 * nothing back, no cycles. Checked on the compiled classes of every module (the api's classpath holds them all).
 */
@AnalyzeClasses(packages = "io.peergraph", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule graphModelDependsOnNoOtherModule = noClasses().that().resideInAPackage("io.peergraph.graph..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.peergraph.api..", "io.peergraph.seeds..", "io.peergraph.ingest..", "io.peergraph.search..", "io.peergraph.bench..");

    @ArchTest
    static final ArchRule seedsDependOnlyOnGraphModel = noClasses().that().resideInAPackage("io.peergraph.seeds..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.peergraph.api..", "io.peergraph.ingest..", "io.peergraph.search..", "io.peergraph.bench..");

    @ArchTest
    static final ArchRule ingestDoesNotReachApiOrSearch = noClasses().that().resideInAPackage("io.peergraph.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.peergraph.api..", "io.peergraph.search..", "io.peergraph.bench..");

    @ArchTest
    static final ArchRule searchDependsOnlyOnGraphModel = noClasses().that().resideInAPackage("io.peergraph.search..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.peergraph.api..", "io.peergraph.seeds..", "io.peergraph.ingest..", "io.peergraph.bench..");

    @ArchTest
    static final ArchRule modulesFormNoCycle = slices().matching("io.peergraph.(*)..").should().beFreeOfCycles();
}
