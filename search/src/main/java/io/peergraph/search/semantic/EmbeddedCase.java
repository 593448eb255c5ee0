package io.peergraph.search.semantic;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.peergraph.search.sync.CaseDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A case document as indexed with its vector: the document's fields, {@code embedding} and {@code embeddingKey}
 * (the model and a digest of the text the vector was computed from, so that a later write of the same text keeps
 * the vector instead of computing it again).
 */
public record EmbeddedCase(@JsonUnwrapped CaseDocument document, float[] embedding, String embeddingKey) {

    /** The key of {@code input} embedded by {@code model}: model key, a colon, 16 bytes of its SHA-256 in hex. */
    public static String key(EmbeddingModel model, String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return model.key() + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
