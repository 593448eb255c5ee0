package io.peergraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.peers.PeersController;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.data.method.HandlerMethod;

/** Which controller methods Spring for GraphQL hands to a virtual thread of their own, and which run where they are asked. */
class InMemoryFieldsTest {

    @Test
    void fieldsAnsweredFromTheirParentRunOnTheRequestThread() {
        assertThat(onItsOwnThread("similarity")).isFalse();
        assertThat(onItsOwnThread("confidence")).isFalse();
        assertThat(onItsOwnThread("reports")).isFalse();
        assertThat(onItsOwnThread("peer")).as("the pseudonym: an HMAC of ids in hand").isFalse();
    }

    @Test
    void fieldsThatAskTheGraphKeepAThreadOfTheirOwn() {
        assertThat(onItsOwnThread("peersWithSymptom")).isTrue();
        assertThat(onItsOwnThread("peerCount")).isTrue();
        assertThat(onItsOwnThread("symptoms")).as("a batch read of the symptoms").isTrue();
    }

    private static boolean onItsOwnThread(String name) {
        Method method = Arrays.stream(PeersController.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        return InMemoryFields.runsOnItsOwnThread(new HandlerMethod(new Object(), method));
    }
}
