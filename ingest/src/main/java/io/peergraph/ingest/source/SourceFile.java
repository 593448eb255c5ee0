package io.peergraph.ingest.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Opens a source file as text, whatever its packaging: plain, gzip ({@code .gz}) or a tar of data files
 * ({@code .tar.gz}, {@code .tgz}, {@code .tar}), as ProtonDB publishes its dumps. Text is decoded as UTF-8;
 * bytes that are not UTF-8 become a marker character so that one bad record is rejected instead of the whole file,
 * while a file in another encoding altogether (UTF-16) is refused up front.
 */
public final class SourceFile implements AutoCloseable {

    /**
     * The character a record's text shows where the file had bytes that are not UTF-8: a noncharacter, not
     * U+FFFD, because real text sometimes carries U+FFFD itself and must not be rejected for it.
     */
    public static final char NOT_UTF8 = '\uFFFF';

    private final Path path;
    private final CountingInputStream counted;
    private final TarArchiveInputStream tar;
    private final InputStream data;
    private String entryName;
    private boolean plainConsumed;

    private SourceFile(Path path, CountingInputStream counted, TarArchiveInputStream tar, InputStream data) {
        this.path = path;
        this.counted = counted;
        this.tar = tar;
        this.data = data;
        this.entryName = path.getFileName().toString();
    }

    public static SourceFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new MalformedSourceException(path + ": no such file");
        }
        try {
            CountingInputStream counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
            String name = path.getFileName().toString().toLowerCase();
            InputStream data = counted;
            if (name.endsWith(".gz") || name.endsWith(".tgz")) {
                data = new BufferedInputStream(new GZIPInputStream(counted, 1 << 16), 1 << 16);
            }
            boolean isTar = name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar");
            return new SourceFile(path, counted, isTar ? new TarArchiveInputStream(data) : null, data);
        } catch (EOFException e) {
            throw new MalformedSourceException(path + ": the file ends before its gzip header is complete (truncated?)");
        } catch (IOException e) {
            throw new MalformedSourceException(path + ": cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * The next data file inside (the file itself when it is not a tar), as UTF-8 text; null when there is no more.
     * Tar members that are directories or hidden files are skipped.
     */
    public Reader nextText() {
        try {
            InputStream in;
            if (tar == null) {
                if (plainConsumed) {
                    return null;
                }
                plainConsumed = true;
                in = data;
            } else {
                TarArchiveEntry entry;
                do {
                    entry = tar.getNextEntry();
                } while (entry != null && (!entry.isFile() || baseName(entry.getName()).startsWith(".")));
                if (entry == null) {
                    return null;
                }
                entryName = path.getFileName() + "!" + entry.getName();
                in = tar;
            }
            return utf8(in);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /** The name to show in positions: the file, or file!member for a tar. */
    public String entryName() {
        return entryName;
    }

    public long bytesRead() {
        return counted.count();
    }

    public long totalBytes() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns an I/O failure while reading into a one-line explanation. */
    public MalformedSourceException broken(IOException e) {
        if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("Unexpected end of ZLIB")) {
            return new MalformedSourceException(entryName + ": the file ends early, after " + counted.count()
                    + " bytes (truncated download or copy?)", e);
        }
        return new MalformedSourceException(entryName + ": cannot be read after " + counted.count() + " bytes: " + e.getMessage(), e);
    }

    private Reader utf8(InputStream in) throws IOException {
        InputStream sniffed = in.markSupported() ? in : new BufferedInputStream(in);
        sniffed.mark(4);
        byte[] head = sniffed.readNBytes(4);
        sniffed.reset();
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] != 0 && head[1] == 0) || (head[0] == 0 && head[1] != 0))) {
            throw new MalformedSourceException(entryName + ": the text is UTF-16, not UTF-8: convert it (e.g. iconv -f UTF-16 -t UTF-8)");
        }
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            sniffed.skipNBytes(3);
        }
        return new InputStreamReader(sniffed, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8)));
    }

    private static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    @Override
    public void close() {
        try {
            counted.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
