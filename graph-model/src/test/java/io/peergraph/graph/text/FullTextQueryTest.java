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

    @Test
    void anyFormAddsTyposForLongWordsAndAPrefixForTheLast() {
        assertThat(FullTextQuery.allWordsAnyForm("Popping  sou")).hasValue("+(popping popping~1) +(sou sou*)");
        assertThat(FullTextQuery.allWordsAnyForm("won't start")).hasValue("+(won't) +(start start~1 start*)");
        assertThat(FullTextQuery.allWordsAnyForm("a~2 *:* name:x")).as("syntax escaped; no word, no clause").hasValue("+(a\\~2) +(name\\:x)");
        assertThat(FullTextQuery.allWordsAnyForm("  ")).isEmpty();
    }
}
