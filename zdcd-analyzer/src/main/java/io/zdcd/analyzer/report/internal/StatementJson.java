package io.zdcd.analyzer.report.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import java.util.List;
import java.util.Map;

/**
 * A statement's JSON object written straight into {@link ChunkedBytes}: byte for byte what
 * {@link JsonReport#writeStatement} writes through Jackson's compact generator with non-ASCII escaped
 * ({@code StatementJsonTest} compares the two on every character and on the rule corpus), without a generator's
 * per-token bookkeeping. The keys and punctuation are constant byte arrays; only the values are encoded. A large
 * report is mostly these objects, so this is most of the JSON encoder thread's work ({@link ConcurrentJsonReport}).
 * One instance per thread.
 */
final class StatementJson {
    private static final byte[] INDEX = ascii("{\"index\":");
    private static final byte[] LINE = ascii(",\"line\":");
    private static final byte[] COLUMN = ascii(",\"column\":");
    private static final byte[] KIND = ascii(",\"kind\":");
    private static final byte[] SQL = ascii(",\"sql\":");
    private static final byte[] LOCK = ascii(",\"lock\":");
    private static final byte[] LOCKS = ascii(",\"locks\":{");
    private static final byte[] TABLES = ascii("},\"tables\":[");
    private static final byte[] BLOCKS = ascii("],\"blocks\":[");
    private static final byte[] REWRITE = ascii("],\"rewrite\":");
    private static final byte[] SCAN = ascii(",\"scan\":");
    private static final byte[] BREAKS_OLD_CODE = ascii(",\"breaksOldCode\":");
    private static final byte[] VERDICT = ascii(",\"verdict\":");
    private static final byte[] PHASE = ascii(",\"phase\":");
    private static final byte[] FINDINGS = ascii(",\"findings\":[");
    private static final byte[] RULE = ascii("{\"rule\":");
    private static final byte[] MESSAGE = ascii(",\"message\":");
    private static final byte[] SAFE_ALTERNATIVE = ascii(",\"safeAlternative\":");
    private static final byte[] END = ascii("]}");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] HEX = ascii("0123456789ABCDEF");
    /** Longest slice of a string encoded after one {@link #ensure}: six bytes a character at worst. */
    private static final int SLICE = 4096;
    /** For each ASCII character: 0 when written as it is, else the character after the backslash ('u': \\u00XX). */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final ChunkedBytes out;
    /** The chunk being written and the next position in it (given back to {@link #out} after each object). */
    private byte[] b;
    private int p;
    private char[] chars = new char[1024];

    StatementJson(ChunkedBytes out) {
        this.out = out;
    }

    /** Writes {@code s} as one JSON object (no separator before it). */
    void write(StatementAnalysis s) {
        b = out.room(0);
        p = out.position();
        raw(INDEX);
        number(s.index());
        raw(LINE);
        number(s.line());
        raw(COLUMN);
        number(s.column());
        raw(KIND);
        string(s.kind());
        raw(SQL);
        string(s.sql());
        raw(LOCK);
        if (s.lock().isPresent()) {
            string(s.lock().get().pgName());
        } else {
            raw(NULL);
        }
        raw(LOCKS);
        boolean first = true;
        for (Map.Entry<String, LockMode> e : s.locks().entrySet()) {
            comma(first);
            first = false;
            string(e.getKey());
            one(':');
            string(e.getValue().pgName());
        }
        raw(TABLES);
        List<String> tables = s.tables();
        for (int i = 0; i < tables.size(); i++) {
            comma(i == 0);
            string(tables.get(i));
        }
        raw(BLOCKS);
        List<String> blocks = ReportFacts.blocks(s);
        for (int i = 0; i < blocks.size(); i++) {
            comma(i == 0);
            string(blocks.get(i));
        }
        raw(REWRITE);
        raw(s.rewrite() ? TRUE : FALSE);
        raw(SCAN);
        raw(s.scan() ? TRUE : FALSE);
        raw(BREAKS_OLD_CODE);
        raw(s.breaksOldCode() ? TRUE : FALSE);
        raw(VERDICT);
        string(s.verdict().name());
        raw(PHASE);
        string(s.phase().label());
        raw(FINDINGS);
        List<Finding> findings = s.findings();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            comma(i == 0);
            raw(RULE);
            string(f.ruleId());
            raw(VERDICT);
            string(f.verdict().name());
            raw(MESSAGE);
            string(f.message());
            raw(SAFE_ALTERNATIVE);
            string(f.safeAlternative());
            one('}');
        }
        raw(END);
        out.position(p);
    }

    /** A comma between two values, none before the first. */
    private void comma(boolean first) {
        if (!first) {
            one(',');
        }
    }

    /** Writes one ASCII character (between two objects: the caller's separator). */
    void separator(char c) {
        b = out.room(1);
        p = out.position();
        one(c);
        out.position(p);
    }

    private void ensure(int n) {
        if (b.length - p < n) {
            out.position(p);
            b = out.room(n);
            p = out.position();
        }
    }

    private void one(char c) {
        ensure(1);
        b[p++] = (byte) c;
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, b, p, bytes.length);
        p += bytes.length;
    }

    private void number(int v) {
        if (v < 0) {
            raw(ascii(Integer.toString(v)));
            return;
        }
        ensure(10);
        int digits = 1;
        for (int x = v; x >= 10; x /= 10) {
            digits++;
        }
        for (int i = p + digits - 1; i >= p; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        p += digits;
    }

    /** A JSON string: quotes, backslash escapes, control and non-ASCII characters as \\uXXXX (upper-case hex). */
    private void string(String v) {
        int n = v.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] cs = chars;
        v.getChars(0, n, cs, 0);
        one('"');
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + SLICE);
            ensure((end - i) * 6);
            byte[] bb = b;
            int pp = p;
            for (; i < end; i++) {
                char c = cs[i];
                if (c < 128) {
                    byte e = ESCAPE[c];
                    if (e == 0) {
                        bb[pp++] = (byte) c;
                        continue;
                    }
                    bb[pp++] = '\\';
                    if (e != 'u') {
                        bb[pp++] = e;
                        continue;
                    }
                } else {
                    bb[pp++] = '\\';
                }
                bb[pp++] = 'u';
                bb[pp++] = HEX[c >> 12];
                bb[pp++] = HEX[(c >> 8) & 15];
                bb[pp++] = HEX[(c >> 4) & 15];
                bb[pp++] = HEX[c & 15];
            }
            p = pp;
        }
        one('"');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }
}
