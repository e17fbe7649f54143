package io.zdcd.examples.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a migration's bytes the way PostgreSQL (client_encoding UTF8) would accept them, or says clearly why not:
 * UTF-8, with a UTF-8 byte-order mark skipped; UTF-16 when it starts with a UTF-16 byte-order mark (what Windows
 * PowerShell 5's {@code >} writes); never a NUL character; malformed UTF-8 named with its line and column.
 */
final class SqlText {

    private SqlText() {
    }

    /** Why a file cannot be read as SQL text; the message is one line for the command's stderr. */
    static final class NotSqlTextException extends Exception {
        private static final long serialVersionUID = 1L;

        NotSqlTextException(String message) {
            super(message, null, false, false);
        }
    }

    static String decode(byte[] bytes) throws NotSqlTextException {
        String text;
        if (ascii(bytes)) {
            text = new String(bytes, StandardCharsets.ISO_8859_1); // one compact copy: no char[] in between
        } else if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            text = strictUtf8(bytes, 3);
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        } else {
            text = strictUtf8(bytes, 0);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new NotSqlTextException("is not SQL text: it contains a NUL character at " + position(text, nul)
                    + " (a binary file?)");
        }
        return text;
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String strictUtf8(byte[] bytes, int offset) throws NotSqlTextException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            int bad = badByte(bytes, offset);
            String before = new String(bytes, offset, bad - offset, StandardCharsets.UTF_8);
            throw new NotSqlTextException(String.format("is not valid UTF-8: byte 0x%02X at %s (save it as UTF-8)",
                    bytes[bad] & 0xFF, position(before, before.length())));
        }
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int badByte(byte[] bytes, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return Math.max(offset, bytes.length - 1);
            }
            out.clear();
        }
    }

    private static String position(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
