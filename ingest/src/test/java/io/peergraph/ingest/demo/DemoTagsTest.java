package io.peergraph.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTagsTest {

    private final DemoTags tags = DemoTags.bundled();

    @Test
    void aMentionIsTakenAsTheReporterSpeltItTheLongestOfOverlappingTermsOnce() {
        assertThat(tags.mentions("Use Proton-GE, then alt+tab works; borderless windowed fixes the Alt+Tab stuttering."))
                .containsExactly("Proton-GE", "alt+tab", "borderless windowed", "stuttering");
    }

    @Test
    void linksAndEnvironmentVariablesAreNotMentions() {
        assertThat(tags.mentions("PROTON_NO_ESYNC=1 %command%, see https://github.com/GloriousEggroll/proton-ge-custom/releases"))
                .isEmpty();
        assertThat(tags.mentions(null)).isEmpty();
    }
}
