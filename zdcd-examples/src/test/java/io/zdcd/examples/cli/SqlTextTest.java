package io.zdcd.examples.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.BDDAssertions.then;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void utf8_is_decoded_and_a_byte_order_mark_skipped() throws Exception {
        then(SqlText.decode("SELECT 'grüße';".getBytes(StandardCharsets.UTF_8))).isEqualTo("SELECT 'grüße';");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1'};
        then(SqlText.decode(bom)).isEqualTo("SELECT 1");
    }

    @Test
    void utf16_with_a_byte_order_mark_is_decoded() throws Exception {
        byte[] le = "\uFEFFBEGIN;\nCOMMIT;".getBytes(StandardCharsets.UTF_16LE);
        byte[] be = "\uFEFFBEGIN;".getBytes(StandardCharsets.UTF_16BE);

        then(SqlText.decode(le)).isEqualTo("BEGIN;\nCOMMIT;");
        then(SqlText.decode(be)).isEqualTo("BEGIN;");
    }

    @Test
    void latin1_bytes_are_rejected_with_their_line_and_column() {
        byte[] mixed = "BEGIN;\nSELECT 'caf\u00e9', 'gr\u00fc\u00dfe';".getBytes(StandardCharsets.UTF_8);
        byte[] latin1Tail = "\nSELECT 'na\u00efve';".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[mixed.length + latin1Tail.length];
        System.arraycopy(mixed, 0, bytes, 0, mixed.length);
        System.arraycopy(latin1Tail, 0, bytes, mixed.length, latin1Tail.length);

        assertThatThrownBy(() -> SqlText.decode(bytes))
                .isInstanceOf(SqlText.NotSqlTextException.class)
                .hasMessage("is not valid UTF-8: byte 0xEF at line 3, column 11 (save it as UTF-8)");
    }

    @Test
    void a_nul_character_means_binary() {
        assertThatThrownBy(() -> SqlText.decode(new byte[] {'S', 'E', '\n', 'L', 0, 1, 2}))
                .isInstanceOf(SqlText.NotSqlTextException.class)
                .hasMessage("is not SQL text: it contains a NUL character at line 2, column 2 (a binary file?)");
    }

    @Test
    void empty_input_is_empty_text() throws Exception {
        then(SqlText.decode(new byte[0])).isEmpty();
    }
}
