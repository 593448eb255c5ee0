package io.peergraph.graph.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FullTextQueryTest {

    @Test
    void everyWordIsRequiredAndTheLastIsAlsoAPrefix() {
        assertThat(FullTextQuery.allWords("Radeon  RX 58")).hasValue("+radeon +rx +58*");
        assertThat(FullTextQuery.allWords("crackling")).hasValue("+crackling*");
    }

    @Test
    void querySyntaxIsEscapedNeverParsed() {
        assertThat(FullTextQuery.allWords("*:* OR name:(a AND b)~2 ^10")).hasValue("+or +name\\:\\(a +and +b\\)\\~2 +^10".replace("^", "\\^"));
        assertThat(FullTextQuery.allWords("half-life \"2\"")).hasValue("+half\\-life +\\\"2\\\"");
        assertThat(FullTextQuery.allWords("\\u0000\\\\ ${jndi:ldap://x}")).hasValue("+\\\\u0000\\\\\\\\ +$\\{jndi\\:ldap\\:\\/\\/x\\}");
    }

    @Test
    void textWithoutWordsLooksForNothing() {
        assertThat(FullTextQuery.allWords("*:* ~ ()")).isEmpty();
        assertThat(FullTextQuery.allWords("   ")).isEmpty();
        assertThat(FullTextQuery.allWords(null)).isEmpty();
    }
}
