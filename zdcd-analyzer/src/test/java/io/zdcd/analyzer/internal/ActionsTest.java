package io.zdcd.analyzer.internal;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.rules.Action;
import io.zdcd.analyzer.rules.Action.ConstraintKind;
import io.zdcd.analyzer.rules.MigrationRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The adapter from the internal records to the public {@link Action}s, through the real classifier. */
class ActionsTest {

    /** The actions of each statement of {@code sql}, as a team's rule sees them. */
    private static List<List<Action>> actions(String sql) {
        List<List<Action>> seen = new ArrayList<>();
        MigrationRule capture = MigrationRule.ofActions("capture", "sees the actions", "", (s, a) -> {
            seen.add(a);
            return Optional.empty();
        });
        SqlMigrationClassifier.builder().addRule(capture).build().classify(sql);
        return seen;
    }

    @Test
    void every_internal_record_type_has_a_deliberate_mapping() throws Exception {
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/zdcd/analyzer/internal/model"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                Class<?> c = Class.forName("io.zdcd.analyzer.internal.model." + name);
                if (c.isRecord() && Op.class.isAssignableFrom(c)) {
                    records.add(c);
                }
            }
        }

        then(records).hasSizeGreaterThan(80);
        then(Actions.MAPPINGS.keySet()).containsExactlyInAnyOrderElementsOf(records.stream()
                .map(c -> c.asSubclass(Op.class)).toList());
    }

    @Test
    void add_column_drop_table_and_create_index_concurrently() {
        List<List<Action>> a = actions("ALTER TABLE users ADD COLUMN note varchar(20) DEFAULT 'x' NOT NULL;\n"
                + "DROP TABLE IF EXISTS app.audit_log, sessions CASCADE;\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email, org_id);\n"
                + "CREATE INDEX ON orders (day);");

        then(a.get(0)).containsExactly(new Action.AddColumn("users", "note", "varchar(20)", true, true, false,
                false, "", false, false));
        then(a.get(1)).containsExactly(new Action.DropTable(List.of("app.audit_log", "sessions"), true));
        then(a.get(1).get(0).tables()).containsExactly("app.audit_log", "sessions");
        then(Action.unqualified(a.get(1).get(0).tables().get(0))).isEqualTo("audit_log");
        then(a.get(2)).containsExactly(new Action.CreateIndex("users", "users_email", true, true,
                List.of("email", "org_id")));
        then(a.get(2).get(0).toString()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY users_email ON users "
                + "(email, org_id)");
        then(a.get(3)).containsExactly(new Action.CreateIndex("orders", "", false, false, List.of("day")));
    }

    @Test
    void a_multi_action_alter_table_gives_one_action_each_in_order() {
        List<List<Action>> a = actions("ALTER TABLE users ADD COLUMN org_id bigint REFERENCES orgs, "
                + "DROP COLUMN legacy, ALTER COLUMN email SET NOT NULL, ALTER COLUMN name TYPE text, "
                + "ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID, "
                + "VALIDATE CONSTRAINT users_age_check, DROP CONSTRAINT users_old_key, RENAME COLUMN a TO b, "
                + "SET TABLESPACE fast, SET (fillfactor = 70);");

        then(a).hasSize(1);
        then(a.get(0)).containsExactly(
                new Action.AddColumn("users", "org_id", "bigint", false, false, false, false, "orgs", false, false),
                new Action.DropColumn("users", "legacy"),
                new Action.SetNotNull("users", "email"),
                new Action.AlterColumnType("users", "name", "text"),
                new Action.AddConstraint("users", "users_org_fk", ConstraintKind.FOREIGN_KEY, true, "orgs"),
                new Action.ValidateConstraint("users", "users_age_check"),
                new Action.DropConstraint("users", "users_old_key", ConstraintKind.UNIQUE),
                new Action.RenameColumn("users", "a", "b"),
                new Action.Other("ALTER TABLE SET TABLESPACE", List.of("users")),
                new Action.Other("ALTER TABLE SET (...)", List.of("users")));
    }

    @Test
    void writes_nested_statements_and_other_statements() {
        List<List<Action>> a = actions("UPDATE accounts SET flag = true;\n"
                + "DELETE FROM sessions WHERE id = 1;\n"
                + "WITH gone AS (DELETE FROM carts RETURNING id) SELECT count(*) FROM gone;\n"
                + "TRUNCATE big_log;\n"
                + "SET lock_timeout = '2s';\n"
                + "CREATE VIEW v AS SELECT * FROM accounts;\n"
                + "frobnicate the database;");

        then(a.get(0)).containsExactly(new Action.Write("UPDATE", "accounts", false));
        then(a.get(1)).containsExactly(new Action.Write("DELETE", "sessions", true));
        then(a.get(2)).contains(new Action.Write("DELETE", "carts", false));
        then(a.get(3)).containsExactly(new Action.Truncate(List.of("big_log"), false));
        then(a.get(4)).containsExactly(new Action.Setting("lock_timeout", "2s", false));
        then(a.get(5)).containsExactly(new Action.Other("CREATE VIEW", List.of("v")));
        then(a.get(6)).containsExactly(new Action.Other("UNRECOGNISED", List.of()));
    }

    @Test
    void a_do_block_zdcd_sees_into_gives_the_actions_of_the_statement_it_wraps() {
        List<List<Action>> a = actions("DO $$ BEGIN DROP TABLE audit_log; EXCEPTION WHEN duplicate_object THEN null; END $$;\n"
                + "DO $$ BEGIN PERFORM my_function(); END $$;");

        then(a.get(0)).containsExactly(new Action.Other("DO", List.of()),
                new Action.DropTable(List.of("audit_log"), false));
        then(a.get(1)).containsExactly(new Action.Other("DO", List.of()));
    }
}
