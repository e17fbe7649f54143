package io.zdcd.analyzer.rules;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.analyzer.report.Reports;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules over the typed {@link Action}s, {@link RuleSet}, and the metadata of zdcd's rules as descriptors. */
class ActionRulesTest {

    /** "No DROP on tables named audit_*". */
    static final MigrationRule NO_AUDIT_DROPS = MigrationRule.ofActions("no-audit-drop",
            "audit tables are never dropped", "keep the table; archive its rows instead",
            (statement, actions) -> actions.stream()
                    .filter(a -> a instanceof Action.DropTable)
                    .flatMap(a -> a.tables().stream())
                    .filter(t -> Action.unqualified(t).startsWith("audit_"))
                    .findFirst().map(t -> "drops the audit table " + t));

    /** "No CREATE INDEX without CONCURRENTLY on tables named big_*", with its metadata. */
    static final class BigTableIndexes implements MigrationRule {
        @Override
        public String id() {
            return "big-table-index-concurrently";
        }

        @Override
        public String title() {
            return "indexes on big_* tables are built CONCURRENTLY";
        }

        @Override
        public String lock() {
            return "ShareLock";
        }

        @Override
        public String breaks() {
            return "writes to the table wait for the whole build";
        }

        @Override
        public String versions() {
            return "PostgreSQL 12+";
        }

        @Override
        public String safeAlternative() {
            return "CREATE INDEX CONCURRENTLY, outside a transaction";
        }

        @Override
        public Optional<String> check(StatementAnalysis statement, List<Action> actions) {
            return actions.stream()
                    .filter(a -> a instanceof Action.CreateIndex i && !i.concurrently()
                            && Action.unqualified(i.table()).startsWith("big_"))
                    .findFirst().map(a -> "builds an index on a big table without CONCURRENTLY: " + a);
        }
    }

    static final MigrationRule BIG_INDEXES = new BigTableIndexes();

    private static Finding finding(Classification c, int statement, String id) {
        return c.statements().get(statement).findings().stream().filter(f -> f.ruleId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + c.statements().get(statement).findings()));
    }

    private static List<String> ids(Classification c, int statement) {
        return c.statements().get(statement).findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void action_rules_fire_through_add_rule() {
        SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().addRule(NO_AUDIT_DROPS)
                .addRule(BIG_INDEXES).build();

        Classification c = classifier.classify("DROP TABLE users, app.audit_events;\n"
                + "DROP TABLE sessions;\n"
                + "CREATE INDEX big_orders_day ON big_orders (day);\n"
                + "CREATE INDEX CONCURRENTLY big_orders_shop ON big_orders (shop_id);\n"
                + "CREATE INDEX small_day ON small_orders (day);");

        Finding drop = finding(c, 0, "no-audit-drop");
        then(drop.verdict()).isEqualTo(Verdict.UNSAFE);
        then(drop.message()).isEqualTo("drops the audit table app.audit_events");
        then(drop.safeAlternative()).isEqualTo("keep the table; archive its rows instead");
        then(ids(c, 1)).doesNotContain("no-audit-drop");
        then(finding(c, 2, "big-table-index-concurrently").message()).isEqualTo(
                "builds an index on a big table without CONCURRENTLY: CREATE INDEX big_orders_day ON big_orders (day)");
        then(ids(c, 3)).doesNotContain("big-table-index-concurrently");
        then(ids(c, 4)).doesNotContain("big-table-index-concurrently");
    }

    @Test
    void action_rules_fire_through_a_rule_set_and_built_ins_left_out_are_disabled() {
        RuleSet rules = RuleSet.builtIn().without("drop-table").plus(NO_AUDIT_DROPS, BIG_INDEXES);
        SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().rules(rules).build();

        Classification c = classifier.classify("DROP TABLE audit_log;\nDROP TABLE users;\n"
                + "CREATE INDEX ON big_events (at);");

        then(ids(c, 0)).contains("no-audit-drop").doesNotContain("drop-table");
        then(ids(c, 1)).doesNotContain("drop-table");
        then(c.statements().get(1).isSafe()).isTrue();
        then(ids(c, 2)).contains("big-table-index-concurrently", "create-index-non-concurrently");
        then(SqlMigrationClassifier.defaults().classify("DROP TABLE users;").allFindings())
                .extracting(Finding::ruleId).contains("drop-table");
        then(classifier.rules().ids()).doesNotContain("drop-table").contains("no-audit-drop", "truncate")
                .endsWith("no-audit-drop", "big-table-index-concurrently");
        then(classifier.toString()).contains("disabled [drop-table]",
                "own rules [no-audit-drop, big-table-index-concurrently]");
    }

    @Test
    void only_the_rules_of_a_set_report_and_add_rule_adds_to_the_set() {
        SqlMigrationClassifier onlyTeam = SqlMigrationClassifier.builder().rules(RuleSet.of(NO_AUDIT_DROPS)).build();
        SqlMigrationClassifier replaced = SqlMigrationClassifier.builder().addRule(BIG_INDEXES)
                .rules(RuleSet.builtIn()).addRule(NO_AUDIT_DROPS).build();

        Classification c = onlyTeam.classify("DROP TABLE audit_log;\nCREATE INDEX ON big_events (at);");

        then(c.allFindings()).extracting(Finding::ruleId).containsExactly("no-audit-drop");
        then(c.statements().get(1).isSafe()).isTrue();
        then(replaced.rules().ids()).contains("no-audit-drop").doesNotContain("big-table-index-concurrently");
        then(replaced.rules().ids().subList(0, Rules.all().size())).isEqualTo(SqlMigrationClassifier.ruleIds());
    }

    @Test
    void zdcd_ignore_and_disable_rule_work_for_action_rules() {
        SqlMigrationClassifier classifier = SqlMigrationClassifier.builder()
                .rules(RuleSet.builtIn().without("drop-table").plus(NO_AUDIT_DROPS)).build();

        Classification ignored = classifier.classify(
                "-- zdcd:ignore no-audit-drop the table was never used\nDROP TABLE audit_log;");
        Classification disabled = SqlMigrationClassifier.builder()
                .rules(RuleSet.builtIn().without("drop-table").plus(NO_AUDIT_DROPS)).disableRule("no-audit-drop")
                .build().classify("-- zdcd:ignore no-audit-drop never used\nDROP TABLE audit_log;");

        then(ignored.verdict()).isEqualTo(Verdict.SAFE);
        then(ignored.allFindings()).anyMatch(f -> f.ruleId().equals("no-audit-drop")
                && f.message().startsWith("ignored by zdcd:ignore (the table was never used"));
        then(disabled.statements().get(0).findings()).extracting(Finding::ruleId).doesNotContain("no-audit-drop");
        then(disabled.allFindings()).extracting(Finding::ruleId).doesNotContain("invalid-ignore");
    }

    @Test
    void a_built_in_descriptor_carries_the_catalogue_entry_and_reads_its_finding_back() {
        RuleSet builtIn = RuleSet.builtIn();

        then(builtIn.ids()).isEqualTo(SqlMigrationClassifier.ruleIds());
        for (Rule r : Rules.all()) {
            MigrationRule d = builtIn.get(r.id()).orElseThrow();
            then(List.of(d.id(), d.title(), d.lock(), d.breaks(), d.safeAlternative(), d.versions()))
                    .as(r.id()).isEqualTo(List.of(r.id(), r.operation(), r.lock(), r.oldCode(), r.alternative(),
                            r.versions()));
        }
        StatementAnalysis drop = SqlMigrationClassifier.defaults().classify("DROP TABLE users;").statements().get(0);
        StatementAnalysis select = SqlMigrationClassifier.defaults().classify("SELECT 1;").statements().get(0);
        MigrationRule dropTable = builtIn.get("drop-table").orElseThrow();
        then(dropTable.check(drop, List.of())).contains(finding(
                SqlMigrationClassifier.defaults().classify("DROP TABLE users;"), 0, "drop-table").message());
        then(dropTable.check(select)).isEmpty();
        then(dropTable.toString()).startsWith("MigrationRule[drop-table: ");
    }

    @Test
    void a_rule_set_is_immutable_checked_and_readable() {
        RuleSet team = RuleSet.of(NO_AUDIT_DROPS, BIG_INDEXES);
        RuleSet mixed = RuleSet.builtIn().without("lock-timeout-missing", "drop-table").plus(NO_AUDIT_DROPS);

        then(team.ids()).containsExactly("no-audit-drop", "big-table-index-concurrently");
        then(team.get("big-table-index-concurrently")).containsSame(BIG_INDEXES);
        then(team.get("drop-table")).isEmpty();
        then(team.teamRules()).containsExactly(NO_AUDIT_DROPS, BIG_INDEXES);
        then(team.toString()).isEqualTo("RuleSet[none of zdcd's rules, plus no-audit-drop, "
                + "big-table-index-concurrently]");
        then(RuleSet.builtIn().toString()).isEqualTo("RuleSet[zdcd's " + Rules.all().size() + " rules]");
        then(mixed.toString()).isEqualTo("RuleSet[zdcd's rules without lock-timeout-missing, drop-table, "
                + "plus no-audit-drop]");
        then(mixed.without("no-audit-drop").teamRules()).isEmpty();
        then(mixed.teamRules()).containsExactly(NO_AUDIT_DROPS);
        then(RuleSet.builtIn().rules()).hasSize(Rules.all().size());
        then(RuleSet.builtIn().without("drop-table")).isEqualTo(RuleSet.builtIn().without("drop-table"));
        then(catchThrowable(() -> team.rules().add(NO_AUDIT_DROPS))).isInstanceOf(UnsupportedOperationException.class);
        then(catchThrowable(() -> team.plus(NO_AUDIT_DROPS))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no-audit-drop'");
        then(catchThrowable(() -> RuleSet.builtIn().plus(MigrationRule.ofActions("drop-table", "x", "",
                (s, a) -> Optional.empty())))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one of zdcd's rules");
        then(catchThrowable(() -> RuleSet.builtIn().without("drop-table").plus(MigrationRule.ofActions(
                "drop-table", "x", "", (s, a) -> Optional.empty())))).as("zdcd's ids stay reserved")
                .isInstanceOf(IllegalArgumentException.class);
        then(catchThrowable(() -> team.without("drop-table"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'drop-table' is not in");
        then(catchThrowable(() -> RuleSet.of(RuleSet.builtIn().get("truncate").orElseThrow(),
                RuleSet.builtIn().get("truncate").orElseThrow()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void a_rule_that_overrides_no_check_is_refused_and_old_style_rules_still_run() {
        MigrationRule empty = new MigrationRule() {
            @Override
            public String id() {
                return "does-nothing";
            }

            @Override
            public String title() {
                return "x";
            }
        };
        List<List<Action>> seen = new ArrayList<>();
        MigrationRule capture = MigrationRule.ofActions("capture", "sees the actions", "", (s, a) -> {
            synchronized (seen) {
                seen.add(a);
            }
            return Optional.empty();
        });

        then(catchThrowable(() -> SqlMigrationClassifier.builder().addRule(empty)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overrides neither");
        then(catchThrowable(() -> empty.check(null))).isInstanceOf(UnsupportedOperationException.class);
        then(MigrationRuleTest.PRIMARY_KEYS.lock()).isEmpty();
        then(MigrationRuleTest.PRIMARY_KEYS.breaks()).isEmpty();
        then(MigrationRuleTest.PRIMARY_KEYS.versions()).isEqualTo("all");
        Classification c = SqlMigrationClassifier.builder().addRule(MigrationRuleTest.PRIMARY_KEYS).addRule(capture)
                .build().classify("CREATE TABLE events (id bigint);\nLOCK TABLE users IN SHARE MODE;");
        then(ids(c, 0)).contains("table-needs-primary-key");
        then(seen).containsExactly(List.of(new Action.CreateTable("events", "", false)),
                List.of(new Action.LockTable(List.of("users"), LockMode.SHARE)));
    }

    @Test
    void sarif_describes_a_team_rule_from_its_metadata() {
        SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().addRule(BIG_INDEXES).build();
        Migration m = new Migration("V1__idx.sql", "CREATE INDEX ON big_events (at);");

        String inMemory = writeSarif(classifier, m);
        StringBuilder streamed = new StringBuilder();
        classifier.writeReport(List.of(m), ReportFormat.SARIF, streamed);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        classifier.writeReportUtf8(List.of(m), ReportFormat.SARIF, bytes);

        then(inMemory).contains("\"text\" : \"indexes on big_* tables are built CONCURRENTLY\"",
                "\"text\" : \"indexes on big_* tables are built CONCURRENTLY. Lock: ShareLock. Deployed code: writes "
                        + "to the table wait for the whole build. PostgreSQL versions: PostgreSQL 12+.\"",
                "Safe alternative: CREATE INDEX CONCURRENTLY, outside a transaction", "\"team-rule\"");
        then(streamed.toString()).isEqualTo(inMemory);
        then(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(inMemory);
        then(Reports.render(classifier.classifyAll(List.of(m)), ReportFormat.SARIF))
                .as("without the rules: described from its finding").doesNotContain("\"team-rule\"",
                        "Deployed code: writes to the table wait")
                .contains("\"ruleId\" : \"big-table-index-concurrently\"");
    }

    private static String writeSarif(SqlMigrationClassifier classifier, Migration m) {
        StringBuilder sb = new StringBuilder();
        Reports.write(classifier.classifyAll(List.of(m)), ReportFormat.SARIF, sb, classifier.rules());
        return sb.toString();
    }
}
