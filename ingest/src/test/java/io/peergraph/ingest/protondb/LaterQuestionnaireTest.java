package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.ingest.engine.Mapped;
import io.peergraph.ingest.engine.Mapped.Accepted;
import io.peergraph.ingest.engine.Mapped.Rejected;
import io.peergraph.ingest.protondb.ProtonDbReport.Tried;
import io.peergraph.ingest.source.SourceRecord;
import io.peergraph.seeds.pci.GpuCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fields of ProtonDB questionnaires later than the shared June 2020 dump (whose reports have none of them): the
 * out-of-the-box verdict, custom Proton builds, launch options as typed, concluding notes, millisecond timestamps.
 * Pure mapping, no store.
 */
class LaterQuestionnaireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProtonDbMapper mapper = new ProtonDbMapper(GpuCatalog.bundled());

    private Mapped<ProtonDbReport> map(String json) throws Exception {
        return mapper.map(new SourceRecord(1, "test record 1", JSON.readTree(json), json));
    }

    private ProtonDbReport accepted(String json) throws Exception {
        Mapped<ProtonDbReport> mapped = map(json);
        assertThat(mapped).isInstanceOf(Accepted.class);
        return ((Accepted<ProtonDbReport>) mapped).value();
    }

    private static List<String> triedKeys(ProtonDbReport report) {
        return report.tried().stream().map(t -> t.solution().sourceKey()).toList();
    }

    @Test
    void outOfTheBoxVerdictCustomProtonTypedLaunchOptionsAndConcludingNotesAreRead() throws Exception {
        ProtonDbReport report = accepted("""
                {"app": {"steam": {"appId": "1245620"}, "title": "ELDEN RING"}, "timestamp": 1735689600000,
                 "responses": {"installs": "yes", "opens": "yes", "startsPlay": "yes", "triedOob": "yes", "verdictOob": "yes",
                   "variant": "ge", "customProtonVersion": "GE-Proton9-4", "protonVersion": "",
                   "launchOptions": "PROTON_NO_ESYNC=1  mesa_glthread=true %command% -windowed",
                   "concludingNotes": "Runs well after the first shader compile.",
                   "audioFaults": "yes", "followUp": {"audioFaults": {"crackling": true}},
                   "notes": {"audioFaults": "Crackles in menus"}},
                 "systemInfo": {"cpu": "AMD Ryzen 7 5800X 8-Core", "gpu": "AMD Radeon RX 6800 XT", "gpuDriver": "4.6 Mesa 23.1.0",
                   "kernel": "6.5.0-1-amd64", "os": "Debian GNU/Linux 12 (bookworm)", "ram": "32 GB",
                   "steamRuntimeVersion": "steam-runtime_0.20230801", "xWindowManager": "KWin"}}
                """);

        assertThat(report.worked()).isTrue();
        assertThat(report.verdict()).isEqualTo("yes");
        assertThat(report.occurredAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(report.symptoms()).extracting(Symptom::key).contains("audio", Symptoms.followUp("audio", "crackling"));
        // PROTON_NO_ESYNC=1 is the older questionnaire's disableEsync flag: the same solution, so their reports meet.
        assertThat(triedKeys(report)).containsExactly("protondb:solution:proton:custom:ge-proton9-4",
                "protondb:solution:launch-flag:disableEsync", "protondb:solution:launch-option:mesa_glthread=true");
        assertThat(report.tried()).filteredOn(t -> t.solution().kind().equals("LAUNCH_OPTION")).extracting(Tried::note)
                .containsOnly("PROTON_NO_ESYNC=1 mesa_glthread=true %command% -windowed");
        assertThat(report.text()).startsWith("Runs well after the first shader compile.").contains("audioFaults: Crackles in menus");
    }

    @Test
    void protonExperimentalAndLaunchOptionsWithoutAnAssignmentAreSolutionsABareCommandIsNot() throws Exception {
        String template = """
                {"app": {"steam": {"appId": "620"}, "title": "Portal 2"}, "timestamp": "1700000000",
                 "responses": {"verdict": "no", "variant": "experimental", "launchOptions": "%s"},
                 "systemInfo": {"gpu": "NVIDIA GeForce GTX 1070/PCIe/SSE2"}}
                """;
        ProtonDbReport wrapped = accepted(template.formatted("gamemoderun %command% -dx11 +fps_max=120"));
        assertThat(wrapped.worked()).isFalse();
        assertThat(triedKeys(wrapped)).containsExactly("protondb:solution:proton:experimental",
                "protondb:solution:launch-options:gamemoderun %command% -dx11 +fps_max=120");

        assertThat(triedKeys(accepted(template.formatted("%command%")))).containsExactly("protondb:solution:proton:experimental");
    }

    @Test
    void aFlagTickedAndTypedAsALaunchOptionIsTriedOnce() throws Exception {
        // The writer creates one confirmation per solution tried: a second one with the same key would fail the batch.
        ProtonDbReport report = accepted("""
                {"app": {"steam": {"appId": "620"}}, "timestamp": 1700000000,
                 "responses": {"verdict": "yes", "launchFlagsUsed": {"disableEsync": true},
                   "launchOptions": "PROTON_NO_ESYNC=1 %command%", "notes": {"launchFlagsUsed": "esync off helps"}},
                 "systemInfo": {"gpu": "NVIDIA GeForce GTX 1070/PCIe/SSE2"}}
                """);
        assertThat(report.tried()).singleElement().satisfies(t -> {
            assertThat(t.solution().sourceKey()).isEqualTo("protondb:solution:launch-flag:disableEsync");
            assertThat(t.note()).isEqualTo("esync off helps"); // the first mention keeps its note
        });
    }

    @Test
    void aReportWithNeitherVerdictIsRejectedSayingWhichFieldsAreMissing() throws Exception {
        Mapped<ProtonDbReport> mapped = map("""
                {"app": {"steam": {"appId": "620"}}, "timestamp": 1700000000, "responses": {"triedOob": "yes"}, "systemInfo": {}}
                """);
        assertThat(mapped).isInstanceOf(Rejected.class);
        assertThat(((Rejected<ProtonDbReport>) mapped).reason()).contains("responses.verdict", "responses.verdictOob");
    }
}
