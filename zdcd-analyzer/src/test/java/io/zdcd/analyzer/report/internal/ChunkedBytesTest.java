package io.zdcd.analyzer.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBytesTest {

    @Test
    void replaysEveryByteInOrderAcrossChunkBoundaries() throws IOException {
        Random random = new Random(42);
        ChunkedBytes chunked = new ChunkedBytes();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[random.nextInt(700)];
            random.nextBytes(b);
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            chunked.write(b, off, b.length - off);
            expected.write(b, off, b.length - off);
            chunked.write(i);
            expected.write(i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunked.writeTo(out);

        assertThat(expected.size()).isGreaterThan(3 * (1 << 16)); // several chunks, not one
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void emptyWritesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChunkedBytes().writeTo(out);
        assertThat(out.size()).isZero();
    }
}
