package io.zdcd.analyzer.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** StatementJson writes exactly the bytes Jackson's generator writes for the same statements (JsonReport). */
class StatementJsonTest {

    @Test
    void every_character_is_written_as_jackson_writes_it() throws IOException {
        List<StatementAnalysis> statements = new ArrayList<>();
        for (int from = 0; from < 0x10000; from += 512) { // every UTF-16 unit, lone surrogates included
            StringBuilder sb = new StringBuilder();
            for (int c = from; c < from + 512; c++) {
                sb.append((char) c);
            }
            String text = sb.toString();
            statements.add(statement(from, text, text.substring(0, 40), text.substring(100, 140), text));
        }
        assertSameBytes(statements);
    }

    @Test
    void random_statements_across_chunk_boundaries_are_written_as_jackson_writes_them() throws IOException {
        Random random = new Random(7);
        String alphabet = "abcXYZ 019_\"\\/\n\r\t\b\f\u0000\u001f\u007f\u0080\u00e9\u2028\u20ac\ud83d\ude00\ud800'$;";
        List<StatementAnalysis> statements = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            int length = i % 500 == 0 ? 70_000 + random.nextInt(30_000) : random.nextInt(300); // longer than a chunk
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            statements.add(statement(random.nextInt(Integer.MAX_VALUE), text.substring(0, Math.min(20, length)),
                    "café", text, i % 3 == 0 ? "" : text));
        }
        statements.add(statement(-5, "", "", "", "")); // a negative number too
        assertSameBytes(statements);
    }

    private static StatementAnalysis statement(int index, String sql, String table, String message,
                                               String alternative) {
        Map<String, LockMode> locks = new LinkedHashMap<>();
        if (!table.isEmpty()) {
            locks.put(table, LockMode.ACCESS_EXCLUSIVE);
            locks.put(table + "_idx", LockMode.SHARE);
        }
        List<Finding> findings = index % 2 == 0
                ? List.of(new Finding("add-column", Verdict.SAFE, message, ""),
                        new Finding("long-operation-under-held-lock", Verdict.UNSAFE, alternative, message))
                : List.of();
        Optional<LockMode> lock = index % 3 == 0 ? Optional.empty() : Optional.of(LockMode.SHARE_ROW_EXCLUSIVE);
        Set<StatementAnalysis.Blocked> blocks = index % 4 == 0 ? Set.of()
                : index % 4 == 1 ? Set.of(StatementAnalysis.Blocked.WRITES)
                : Set.of(StatementAnalysis.Blocked.WRITES, StatementAnalysis.Blocked.READS);
        return new StatementAnalysis(index, Math.abs(index % 1000), 1 + Math.abs(index % 7), sql, "KIND \"" + sql
                .substring(0, Math.min(3, sql.length())) + "\"", table.isEmpty() ? List.of() : List.of(table, "other"),
                lock, blocks, index % 5 == 0, index % 6 == 0, index % 7 == 0, findings.isEmpty() ? Verdict.SAFE
                : Verdict.UNSAFE, findings, locks);
    }

    private static void assertSameBytes(List<StatementAnalysis> statements) throws IOException {
        ByteArrayOutputStream jackson = new ByteArrayOutputStream();
        JsonGenerator g = ReportFacts.compactJsonGenerator(jackson);
        g.setRootValueSeparator(new SerializedString(","));
        for (StatementAnalysis s : statements) {
            JsonReport.writeStatement(g, s);
        }
        g.close();

        ChunkedBytes chunks = new ChunkedBytes();
        StatementJson json = new StatementJson(chunks);
        for (int i = 0; i < statements.size(); i++) {
            if (i > 0) {
                json.separator(',');
            }
            json.write(statements.get(i));
        }
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        chunks.writeTo(ours);

        assertThat(jackson.size()).isGreaterThan(1 << 16);
        assertThat(ours.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(jackson.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ours.toByteArray()).isEqualTo(jackson.toByteArray());
    }
}
