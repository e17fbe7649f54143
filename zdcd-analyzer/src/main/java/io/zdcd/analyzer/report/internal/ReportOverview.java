package io.zdcd.analyzer.report.internal;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a report must know before the statements go by: the verdicts and counts, per migration the rules it broke,
 * the first unsafe statements (as many as the Markdown report shows) and the rules the findings name (for SARIF's
 * rule list). Its size does not grow with the number of statements, so a report can be written while the
 * statements stream past ({@link ReportStream}).
 */
public final class ReportOverview {
    /** The unsafe statements kept, over all migrations: one more than the Markdown report shows. */
    static final int UNSAFE_KEPT = MarkdownReport.MAX_ROWS + 1;

    /** One migration's part. */
    public static final class Migration {
        final String name;
        Verdict verdict = Verdict.SAFE;
        int statements;
        int unsafeStatements;
        List<Finding> findings = List.of();
        /** Rule ids of UNSAFE findings, statements' first, in order of appearance. */
        final Set<String> unsafeRules = new LinkedHashSet<>();
        /** The first unsafe statements, in order (within the overview's budget). */
        final List<StatementAnalysis> unsafeKept = new ArrayList<>();

        Migration(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    /** A rule's first finding, and its first UNSAFE one. */
    static final class RuleExample {
        final int index;
        Finding example;
        boolean unsafe;

        RuleExample(int index, Finding first) {
            this.index = index;
            this.example = first;
            this.unsafe = first.verdict() != Verdict.SAFE;
        }
    }

    final int postgresVersion;
    Verdict verdict;
    long statements;
    long unsafeStatements;
    long unsafeMigrations;
    final List<Migration> migrations = new ArrayList<>();
    final Map<String, RuleExample> rules = new LinkedHashMap<>();
    /** The team's rules by id, for the reports that describe rules (SARIF); empty when not known. */
    Map<String, io.zdcd.analyzer.rules.MigrationRule> teamRules = Map.of();
    private int kept;

    /** An overview to fill migration by migration; {@code verdict} null: SAFE unless a migration is UNSAFE. */
    public ReportOverview(int postgresVersion, Verdict verdict) {
        this.postgresVersion = postgresVersion;
        this.verdict = verdict;
    }

    /** Describes a team's rules (their metadata) where the report describes the rules of its findings. */
    public ReportOverview describing(List<io.zdcd.analyzer.rules.MigrationRule> team) {
        Map<String, io.zdcd.analyzer.rules.MigrationRule> byId = new LinkedHashMap<>();
        team.forEach(r -> byId.put(r.id(), r));
        this.teamRules = byId;
        return this;
    }

    /** The overview of a report held in memory. */
    public static ReportOverview of(ClassificationReport report) {
        ReportOverview o = new ReportOverview(report.postgresVersion(), report.verdict());
        for (Classification c : report.migrations()) {
            Migration m = o.startMigration(c.migration());
            c.statements().forEach(s -> o.statement(m, s));
            o.endMigration(m, c.verdict(), c.findings());
        }
        return o;
    }

    public Migration startMigration(String name) {
        Migration m = new Migration(name);
        migrations.add(m);
        return m;
    }

    public void statement(Migration m, StatementAnalysis s) {
        m.statements++;
        statements++;
        if (!s.isSafe()) {
            m.unsafeStatements++;
            unsafeStatements++;
            if (kept < UNSAFE_KEPT) {
                kept++;
                m.unsafeKept.add(s);
            }
        }
        findings(m, s.findings());
    }

    public void endMigration(Migration m, Verdict migrationVerdict, List<Finding> migrationFindings) {
        m.verdict = migrationVerdict;
        m.findings = List.copyOf(migrationFindings);
        findings(m, migrationFindings);
        if (migrationVerdict != Verdict.SAFE) {
            unsafeMigrations++;
        }
    }

    private void findings(Migration m, List<Finding> findings) {
        for (Finding f : findings) {
            RuleExample r = rules.get(f.ruleId()); // not computeIfAbsent: its lambda would be allocated per finding
            if (r == null) {
                r = new RuleExample(rules.size(), f);
                rules.put(f.ruleId(), r);
            }
            if (f.verdict() != Verdict.SAFE) {
                m.unsafeRules.add(f.ruleId());
                if (!r.unsafe) {
                    r.unsafe = true;
                    r.example = f;
                }
            }
        }
    }

    /** The report's verdict: as given, else UNSAFE when some migration is. */
    public Verdict verdict() {
        return verdict != null ? verdict : unsafeMigrations > 0 ? Verdict.UNSAFE : Verdict.SAFE;
    }

    public int migrationCount() {
        return migrations.size();
    }

    public long unsafeMigrationCount() {
        return unsafeMigrations;
    }

    public long statementCount() {
        return statements;
    }

    public long unsafeStatementCount() {
        return unsafeStatements;
    }

    List<Migration> migrations() {
        return migrations;
    }
}
