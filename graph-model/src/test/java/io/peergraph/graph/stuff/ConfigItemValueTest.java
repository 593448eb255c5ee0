package io.peergraph.graph.stuff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigItemValueTest {

    @Test
    void unicodeCaseAndWhitespaceVariantsAreOneItem() {
        var a = ConfigItemValue.parse("GPU", "Radeon  RX\u00a0580").accepted().orElseThrow();
        var b = ConfigItemValue.parse("gpu", " radeon rx 580 ").accepted().orElseThrow();
        var fullWidth = ConfigItemValue.parse("gpu", "Ｒａｄｅｏｎ RX 580").accepted().orElseThrow();
        assertThat(a.key()).isEqualTo(b.key()).isEqualTo(fullWidth.key()).isEqualTo("gpu:radeon rx 580");
        assertThat(a.value()).isEqualTo("Radeon RX 580");
    }

    @Test
    void kindsAndValuesAreValidated() {
        assertThat(ConfigItemValue.parse("gpu driver", "x").accepted().orElseThrow().kind()).isEqualTo("gpu_driver");
        assertThat(ConfigItemValue.parse("9gpu", "x")).isInstanceOf(ConfigItemValue.Result.Rejected.class);
        assertThat(ConfigItemValue.parse("gpu", "  ")).isEqualTo(new ConfigItemValue.Result.Rejected("value", "value must not be empty"));
        assertThat(ConfigItemValue.parse("gpu", "x".repeat(201))).isInstanceOf(ConfigItemValue.Result.Rejected.class);
    }
}
