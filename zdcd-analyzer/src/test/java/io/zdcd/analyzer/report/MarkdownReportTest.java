package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void starts_with_the_verdict_and_summary() {
        String md = Reports.render(ReportFixtures.unsafeReport(), ReportFormat.MARKDOWN);

        then(md).startsWith("## zdcd check: ❌ UNSAFE\n\n1 of 2 migrations UNSAFE (1 of 6 statements) on PostgreSQL 17.\n");
        then(Reports.render(ReportFixtures.safeReport(), ReportFormat.MARKDOWN)).startsWith("## zdcd check: ✅ SAFE\n")
                .doesNotContain("### Unsafe statements");
    }

    @Test
    void has_a_migration_table_and_an_unsafe_statement_table() {
        String md = Reports.render(ReportFixtures.unsafeReport(), ReportFormat.MARKDOWN);

        then(md).contains("| <code>shop/0002_order_note.sql</code> | ✅ SAFE | 3 | 0 |  |\n")
                .contains("| <code>shop/0003_note_index.sql</code> | ❌ UNSAFE | 3 | 1 |"
                        + " <a href=\"https://github.com/zdcd/zdcd/blob/main/docs/rules/create-index-non-concurrently.md\"><code>create-index-non-concurrently</code></a>"
                        + " <a href=\"https://github.com/zdcd/zdcd/blob/main/docs/rules/unused-ignore.md\"><code>unused-ignore</code></a> |\n")
                .contains("| <code>shop/0003_note_index.sql</code> | 4 | <code>CREATE INDEX \"shop_order_note_idx\""
                        + " ON \"shop_order\" (\"note\")</code> | ShareLock | writes | maintenance |"
                        + " <a href=\"https://github.com/zdcd/zdcd/blob/main/docs/rules/create-index-non-concurrently.md\"><code>create-index-non-concurrently</code></a> |\n");
    }

    @Test
    void details_show_sql_findings_and_the_safe_alternative_in_code_blocks() {
        String md = Reports.render(ReportFixtures.unsafeReport(), ReportFormat.MARKDOWN);

        then(md).contains("<details><summary>shop/0003_note_index.sql line 4: CREATE INDEX shop_order</summary>\n\n"
                        + "```sql\nCREATE INDEX \"shop_order_note_idx\"\n    ON \"shop_order\" (\"note\")\n```\n")
                .contains("- **UNSAFE** <a href=\"https://github.com/zdcd/zdcd/blob/main/docs/rules/create-index-non-concurrently.md\"><code>"
                        + "create-index-non-concurrently</code></a>: CREATE INDEX holds ShareLock")
                .contains("  Safe alternative:\n\n  ```sql\n  CREATE INDEX CONCURRENTLY")
                .contains("</details>");
    }

    @Test
    void prose_advice_stays_out_of_code_fences() {
        io.zdcd.classify.Classification c = io.zdcd.analyzer.SqlMigrationClassifier.defaults().classify(
                io.zdcd.classify.Migration.of("m.sql", "DROP TABLE t;"));
        String md = Reports.render(c, 17, ReportFormat.MARKDOWN);

        then(md).contains("  Safe alternative: deploy code that no longer uses t (Django: SeparateDatabaseAndState")
                .doesNotContain("```sql\n  deploy code");
    }

    @Test
    void pipes_angle_brackets_and_backticks_cannot_break_the_markdown() {
        StatementAnalysis s = new StatementAnalysis(1, 1, 1, "SELECT 'a|b' || '<x>', '```'", "SELECT", List.of(),
                Optional.empty(), Set.of(), false, false, false, Verdict.UNSAFE,
                List.of(new Finding("unrecognised", Verdict.UNSAFE, "cannot recognise", "")));
        Classification c = new Classification("a|b.sql", Verdict.UNSAFE, List.of(s), List.of());

        String md = Reports.render(c, 17, ReportFormat.MARKDOWN);

        then(md).contains("<code>a&#124;b.sql</code>")
                .contains("<code>SELECT 'a&#124;b' &#124;&#124; '&lt;x&gt;', '```'</code>")
                .contains("````sql\nSELECT 'a|b' || '<x>', '```'\n````\n");
    }

    @Test
    void a_huge_report_is_cut_with_a_note() {
        List<StatementAnalysis> statements = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            statements.add(ReportFixtures.unsafeIndex(i, i, 1));
        }
        ClassificationReport report = new ClassificationReport(17, Verdict.UNSAFE, List.of(
                new Classification("big.sql", Verdict.UNSAFE, statements, List.of())));

        String md = Reports.render(report, ReportFormat.MARKDOWN);

        then(md).contains("| ... 400 more | | | | | | |")
                .contains("*460 more unsafe statements: run `zdcd check` locally for the full report.*")
                .hasSizeLessThan(65_536);
    }
}
