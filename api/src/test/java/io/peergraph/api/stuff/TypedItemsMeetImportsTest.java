package io.peergraph.api.stuff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.ingest.normalise.NormalisedItem;
import io.peergraph.ingest.normalise.SystemInfo;
import io.peergraph.ingest.normalise.SystemNormaliser;
import io.peergraph.seeds.pci.GpuCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 18: what a person types through the API lands on the items an import writes, with the typed string kept. */
@ApiTest
class TypedItemsMeetImportsTest {

    static final String CREATE = """
            mutation($input: CreateConfigurationInput!) { createConfiguration(input: $input) { id items { id kind value raw } } }""";
    static final String UPDATE = """
            mutation($id: ID!, $input: UpdateConfigurationInput!) { updateConfiguration(id: $id, input: $input) { items { id kind value raw } } }""";

    @Autowired GraphQlHttp api;

    /** The items the ProtonDB importer writes for a report with these strings. */
    static List<NormalisedItem> imported(SystemInfo system) {
        return new SystemNormaliser(GpuCatalog.bundled()).normalise(system).items();
    }

    static JsonNode item(JsonNode items, String kind) {
        for (JsonNode i : items) {
            if (i.path("kind").asText().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " in " + items);
    }

    static JsonNode create(GraphQlHttp api, String token, List<Map<String, String>> items) {
        return api.post(token, CREATE, Map.of("input", Map.of("name", "pc", "items", items))).data().path("createConfiguration");
    }

    @Test
    void typedGpuDriverAndKernelLandOnTheItemsAnImportWritesForTheDemoDatasStrings() {
        String alice = api.newCustomer();
        JsonNode items = create(api, alice, List.of(Map.of("kind", "gpu", "value", "Radeon RX 580"),
                Map.of("kind", "driver", "value", "NVIDIA 440.100"), Map.of("kind", "kernel", "value", "5.4.0-42-generic"))).path("items");

        List<NormalisedItem> demo = imported(new SystemInfo(null, "AMD Radeon RX 580", "NVIDIA 440.64", "5.4", null, null, null));
        for (String kind : List.of("gpu", "gpu_vendor", "gpu_family", "driver", "kernel")) {
            NormalisedItem expected = demo.stream().filter(i -> i.kind().equals(kind)).findFirst().orElseThrow();
            assertThat(item(items, kind).path("value").asText()).as(kind).isEqualTo(expected.value());
            assertThat(item(items, kind).path("id").asText()).as(kind).isEqualTo(expected.nodeId());
        }
        assertThat(item(items, "gpu").path("value").asText()).isEqualTo("AMD Radeon RX 580");
        assertThat(item(items, "gpu").path("raw").asText()).isEqualTo("Radeon RX 580");
        assertThat(item(items, "driver").path("value").asText()).isEqualTo("nvidia 440");
        assertThat(item(items, "driver").path("raw").asText()).isEqualTo("NVIDIA 440.100");
        assertThat(item(items, "kernel").path("value").asText()).isEqualTo("5.4");
        assertThat(item(items, "kernel").path("raw").asText()).isEqualTo("5.4.0-42-generic");
    }

    @Test
    void twoPeopleTypingTheSameGpuDifferentlyShareOneItem() {
        JsonNode short_ = create(api, api.newCustomer(), List.of(Map.of("kind", "gpu", "value", "Radeon RX 580"))).path("items");
        JsonNode vendor = create(api, api.newCustomer(), List.of(Map.of("kind", "gpu", "value", "AMD Radeon RX 580"))).path("items");
        assertThat(item(short_, "gpu").path("id").asText()).isEqualTo(item(vendor, "gpu").path("id").asText());
        assertThat(item(short_, "gpu_family").path("id").asText()).isEqualTo(item(vendor, "gpu_family").path("id").asText());
    }

    @Test
    void updatingItemsNormalisesToo() {
        String alice = api.newCustomer();
        String id = create(api, alice, List.of(Map.of("kind", "os", "value", "Debian 12"))).path("id").asText();
        JsonNode items = api.post(alice, UPDATE, Map.of("id", id, "input", Map.of("items",
                List.of(Map.of("kind", "kernel", "value", "Linux 5.4"))))).data().path("updateConfiguration").path("items");
        assertThat(item(items, "kernel").path("value").asText()).isEqualTo("5.4");
        assertThat(item(items, "kernel").path("raw").asText()).isEqualTo("Linux 5.4");
    }

    @Test
    void aKindWithoutANormaliserIsKeptAsTyped() {
        JsonNode items = create(api, api.newCustomer(), List.of(Map.of("kind", "audio", "value", "PipeWire  0.3"),
                Map.of("kind", "kernel", "value", "custom build"))).path("items");
        assertThat(item(items, "audio").path("value").asText()).isEqualTo("PipeWire 0.3");
        assertThat(item(items, "kernel").path("value").asText()).isEqualTo("custom build");
        assertThat(items).hasSize(2);
    }

    static final String VALUES = """
            query($k: String!, $p: String, $f: Int) { itemValues(kind: $k, prefix: $p, first: $f) { value configurations } }""";

    @Test
    void itemValuesSuggestsCanonicalValuesMostHeldFirst() {
        String kind = "snd_" + Long.toString(System.nanoTime(), 36);
        for (String value : List.of("PipeWire 0.3", "pipewire  0.3", "PulseAudio 13")) {
            create(api, api.newCustomer(), List.of(Map.of("kind", kind, "value", value)));
        }
        String alice = api.newCustomer();
        Map<String, Object> all = new java.util.HashMap<>(Map.of("k", kind, "p", "p"));
        JsonNode found = api.post(alice, VALUES, all).data().path("itemValues");
        assertThat(found.findValuesAsText("value")).containsExactly("PipeWire 0.3", "PulseAudio 13");
        assertThat(found.get(0).path("configurations").asInt()).isEqualTo(2);
        assertThat(api.post(alice, VALUES, Map.of("k", kind, "p", "PU")).data().path("itemValues").findValuesAsText("value"))
                .containsExactly("PulseAudio 13");
        assertThat(api.post(alice, VALUES, Map.of("k", kind, "f", 1)).data().path("itemValues").findValuesAsText("value"))
                .containsExactly("PipeWire 0.3");
        assertThat(api.post(alice, VALUES, Map.of("k", kind, "f", 0)).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void itemValuesReadsWhatIsTypedAsTheImporterDoes() {
        create(api, api.newCustomer(), List.of(Map.of("kind", "gpu", "value", "AMD Radeon RX 580"), Map.of("kind", "driver", "value", "nvidia 440")));
        String alice = api.newCustomer();
        assertThat(api.post(alice, VALUES, Map.of("k", "gpu", "p", "Radeon RX 580")).data().path("itemValues").findValuesAsText("value"))
                .contains("AMD Radeon RX 580");
        assertThat(api.post(alice, VALUES, Map.of("k", "driver", "p", "NVIDIA 440.100")).data().path("itemValues").findValuesAsText("value"))
                .contains("nvidia 440");
    }
}
