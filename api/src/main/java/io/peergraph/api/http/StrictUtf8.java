package io.peergraph.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Text that is Unicode, or a 400. A lenient decoder turns an overlong encoding ({@code \xc0\xaf}) into "/" (the
 * classic way past a path or markup filter) and code points above U+10FFFF or lone surrogates into "?"; the JDK's
 * decoder, told to report, refuses all three. JSON may also spell a lone surrogate as an escape ({@code "\ud800"}),
 * which no byte check sees: {@link #hasLoneSurrogate(JsonNode)} looks at the parsed strings.
 */
final class StrictUtf8 {

    private StrictUtf8() {}

    /** True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). */
    static boolean wellFormed(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The bytes a URL's query string stands for (percent escapes decoded, {@code +} as a space), to check them. */
    static byte[] percentDecoded(String raw) {
        byte[] in = raw.getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i] == '+' ? ' ' : in[i]);
            }
        }
        return out.toByteArray();
    }

    /** True when a string anywhere in the JSON (a value or a field name) holds a surrogate without its pair. */
    static boolean hasLoneSurrogate(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isString()) {
            return hasLoneSurrogate(node.asString());
        }
        for (var field : node.properties()) {
            if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogate(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasLoneSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
