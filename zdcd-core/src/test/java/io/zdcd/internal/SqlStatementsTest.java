package io.zdcd.internal;

import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void splits_at_top_level_semicolons_only() {
        then(SqlStatements.split("""
                ALTER TABLE t ADD COLUMN a text; -- a comment; with a semicolon
                COMMENT ON COLUMN t.a IS 'one; two';
                DO $$ BEGIN PERFORM 1; END $$;
                /* a; /* nested; */ comment */ SELECT "a;b" FROM t;
                """)).hasSize(4)
                .element(2).isEqualTo("DO $$ BEGIN PERFORM 1; END $$");
    }

    @Test
    void a_sql_standard_routine_body_is_one_statement() {
        then(SqlStatements.split("""
                CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a IS NULL THEN 0 ELSE a END + b;
                  SELECT 1;
                END;
                CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t (a) VALUES ('end; begin'); END;
                ALTER TABLE t ADD COLUMN b int;
                """)).hasSize(3)
                .satisfies(l -> then(l.get(0)).startsWith("CREATE OR REPLACE FUNCTION").endsWith("END"))
                .satisfies(l -> then(l.get(1)).endsWith("VALUES ('end; begin'); END"))
                .satisfies(l -> then(l.get(2)).isEqualTo("ALTER TABLE t ADD COLUMN b int"));
    }

    @Test
    void begin_and_end_as_transaction_control_still_split() {
        then(SqlStatements.split("BEGIN; ALTER TABLE t ADD COLUMN c int; END; BEGIN; SELECT 1; COMMIT;"))
                .containsExactly("BEGIN", "ALTER TABLE t ADD COLUMN c int", "END", "BEGIN", "SELECT 1", "COMMIT");
    }

    @Test
    void identifiers_and_escape_strings_are_not_mistaken_for_keywords_or_quotes() {
        then(SqlStatements.split("SELECT E'it\\'s; fine', U&'\\0041;', a$b FROM t; SELECT 2"))
                .containsExactly("SELECT E'it\\'s; fine', U&'\\0041;', a$b FROM t", "SELECT 2");
    }
}
