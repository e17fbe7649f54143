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
    private byte[] current = new byte[1 << 12];
    private int used;

    @Override
    public void write(int b) {
        if (used == current.length) {
            next();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == current.length) {
                next();
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void next() {
        full.add(current);
        current = new byte[CHUNK];
        used = 0;
    }

    /** Writes every byte written so far to {@code out}, in order. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] c : full) {
            out.write(c);
        }
        out.write(current, 0, used);
    }
}
