package io.peergraph.graph.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque public identifiers: a type prefix and 20 base-32 characters, e.g. {@code rep_k3v9...}. The prefix
 * lets the API reject an id of the wrong type before touching the graph; the rest carries no meaning (random,
 * or a hash of a natural key so that imports are idempotent), so an id never leads back to a person.
 */
public enum PublicId {
    CUSTOMER("cus", "Customer"),
    PRODUCT("prd", "Product"),
    ITEM("itm", "Item"),
    CONFIGURATION("cfg", "Configuration"),
    CONFIG_ITEM("cfi", "ConfigItem"),
    REPORT("rep", "Report"),
    INTERACTION("int", "Interaction"),
    SYMPTOM("sym", "Symptom"),
    SOLUTION("sol", "Solution"),
    CONFIRMATION("cnf", "Confirmation"),
    TAG("tag", "Tag"),
    CONCEPT("con", "Concept"),
    CONCEPT_SCHEME("sch", "ConceptScheme"),
    MEASUREMENT("msr", "Measurement"),
    AUDIT_EVENT("aud", "AuditEvent"),
    NOTIFICATION("ntf", "Notification"),
    SAVED_SEARCH("svs", "SavedSearch"),
    INVITATION("inv", "Invitation");

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int BODY_LENGTH = 20;
    private static final Pattern SHAPE = Pattern.compile("[a-z]{3}_[a-z2-7]{" + BODY_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final String label;

    PublicId(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    public String prefix() {
        return prefix;
    }

    /** The node label that carries ids of this type. */
    public String label() {
        return label;
    }

    /** A fresh random id. */
    public String random() {
        byte[] bytes = new byte[BODY_LENGTH];
        RANDOM.nextBytes(bytes);
        return encode(bytes);
    }

    /** A stable id derived from a natural key: the same key always gives the same id. */
    public String fromKey(String naturalKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((prefix + ":" + naturalKey).getBytes(StandardCharsets.UTF_8));
            return encode(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** True when {@code id} is well formed and of this type. */
    public boolean matches(String id) {
        return id != null && SHAPE.matcher(id).matches() && id.startsWith(prefix + "_");
    }

    /** The type of a well-formed id, if any. */
    public static Optional<PublicId> typeOf(String id) {
        if (id == null || !SHAPE.matcher(id).matches()) {
            return Optional.empty();
        }
        String p = id.substring(0, 3).toLowerCase(Locale.ROOT);
        for (PublicId type : values()) {
            if (type.prefix.equals(p)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(prefix.length() + 1 + BODY_LENGTH).append(prefix).append('_');
        for (int i = 0; i < BODY_LENGTH; i++) {
            out.append(ALPHABET[(bytes[i] & 0xff) % ALPHABET.length]);
        }
        return out.toString();
    }
}
