package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void lists_every_statement_with_its_verdict_lock_and_position() {
        String text = Reports.render(ReportFixtures.unsafeReport(), ReportFormat.TEXT);

        then(text).contains("shop/0002_order_note.sql: SAFE\n")
                .contains("shop/0003_note_index.sql: UNSAFE\n")
                .contains("  #1 L1:1  SAFE    BEGIN\n")
                .contains("  #2 L3:1  SAFE    ALTER TABLE ADD COLUMN shop_order  AccessExclusiveLock"
                        + " (blocks reads, writes)\n")
                .contains("  #2 L4:3  UNSAFE  CREATE INDEX shop_order  ShareLock (blocks writes; full scan; phase: maintenance)\n");
    }

    @Test
    void different_locks_on_different_relations_are_named_each() {
        String text = Reports.render(io.zdcd.analyzer.SqlMigrationClassifier.defaults().classifyAll(
                java.util.List.of(io.zdcd.classify.Migration.of("copy.sql",
                        "INSERT INTO archive (id) SELECT id FROM users WHERE id = 1;\n"
                                + "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) "
                                + "NOT VALID;"))), ReportFormat.TEXT);

        then(text).contains("RowExclusiveLock [archive: RowExclusiveLock, users: AccessShareLock]")
                .contains("  ShareRowExclusiveLock (blocks writes)\n");
    }

    @Test
    void unsafe_statements_show_their_sql_findings_and_safe_alternative() {
        String text = Reports.render(ReportFixtures.unsafeReport(), ReportFormat.TEXT);

        then(text).contains("      CREATE INDEX \"shop_order_note_idx\" ON \"shop_order\" (\"note\")\n")
                .contains("      UNSAFE create-index-non-concurrently: CREATE INDEX holds ShareLock")
                .contains("        safe alternative:\n"
                        + "          CREATE INDEX CONCURRENTLY \"shop_order_note_idx\" ON \"shop_order\" (\"note\");\n")
                .contains("  migration: UNSAFE unused-ignore:");
    }

    @Test
    void ends_with_a_summary_line() {
        then(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.TEXT))
                .endsWith("\nUNSAFE (PostgreSQL 17): 1 of 2 migrations UNSAFE (1 of 6 statements)\n");
        then(Reports.render(ReportFixtures.safeReport(), ReportFormat.TEXT))
                .endsWith("\nSAFE (PostgreSQL 16): 1 migration, 3 statements: all SAFE\n");
    }

    @Test
    void safe_findings_have_no_safe_alternative_block() {
        String text = Reports.render(ReportFixtures.safeReport(), ReportFormat.TEXT);

        then(text).contains("SAFE add-column-constant-default: Adding a column").doesNotContain("safe alternative");
    }
}
