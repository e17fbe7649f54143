package io.zdcd.analyzer.report.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes written in fixed-size chunks and replayed in order: a growing buffer without the copies a
 * {@code ByteArrayOutputStream} makes each time it doubles (a 20,000-statement JSON report is about 16 MB). Not
 * thread-safe: one writer, then one {@link #writeTo}.
 */
final class ChunkedBytes extends OutputStream {
    private static final int CHUNK = 1 << 16;
    private final List<byte[]> full = new ArrayList<>();
    /** How many bytes of each chunk in {@link #full} were written ({@link #room} may leave a chunk's end unused). */
    private int[] fullUsed = new int[16];
    private byte[] current = new byte[1 << 12];
    private int used;

    @Override
    public void write(int b) {
        if (used == current.length) {
            next(CHUNK);
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == current.length) {
                next(CHUNK);
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /**
     * The chunk to write the next {@code n} bytes into, from {@link #position()}: the current one when they fit,
     * else a fresh one (at least {@code n} long). The writer then sets {@link #position(int)} past what it wrote.
     */
    byte[] room(int n) {
        if (current.length - used < n) {
            next(Math.max(CHUNK, n));
        }
        return current;
    }

    /** Where the next byte goes in the chunk {@link #room} returned. */
    int position() {
        return used;
    }

    /** Marks the bytes of the current chunk up to {@code p} (exclusive) as written. */
    void position(int p) {
        used = p;
    }

    private void next(int size) {
        if (full.size() == fullUsed.length) {
            fullUsed = java.util.Arrays.copyOf(fullUsed, fullUsed.length * 2);
        }
        fullUsed[full.size()] = used;
        full.add(current);
        current = new byte[size];
        used = 0;
    }

    /** Writes every byte written so far to {@code out}, in order. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < full.size(); i++) {
            out.write(full.get(i), 0, fullUsed[i]);
        }
        out.write(current, 0, used);
    }
}
