package io.peergraph.graph.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicIdTest {

    @Test
    void idsCarryTheirTypeAndNothingElse() {
        String id = PublicId.REPORT.random();
        assertThat(id).matches("rep_[a-z2-7]{20}");
        assertThat(PublicId.typeOf(id)).contains(PublicId.REPORT);
        assertThat(PublicId.CONFIGURATION.matches(id)).isFalse();
    }

    @Test
    void naturalKeysGiveStableIdsAndRandomIdsDiffer() {
        assertThat(PublicId.SYMPTOM.fromKey("audio/crackling")).isEqualTo(PublicId.SYMPTOM.fromKey("audio/crackling"))
                .isNotEqualTo(PublicId.SYMPTOM.fromKey("audio/missing"));
        assertThat(PublicId.ITEM.random()).isNotEqualTo(PublicId.ITEM.random());
    }

    @Test
    void malformedIdsAreRecognised() {
        assertThat(PublicId.typeOf("rep_short")).isEmpty();
        assertThat(PublicId.typeOf("xyz_aaaaaaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(PublicId.typeOf("rep_AAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(PublicId.typeOf("' OR 1=1 //")).isEmpty();
        assertThat(PublicId.typeOf(null)).isEmpty();
    }
}
