package io.zdcd.sql;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one splitter and the one grouping into transactions, used by the classifier and the runners. */
class SqlScriptTest {

    private static List<String> texts(String sql) {
        return SqlScript.split(sql).stream().map(SqlStatement::text).toList();
    }


    @Test
    void splits_at_top_level_semicolons_only() {
        then(texts("""
                ALTER TABLE t ADD COLUMN a text; -- a comment; with a semicolon
                COMMENT ON COLUMN t.a IS 'one; two';
                DO $$ BEGIN PERFORM 1; END $$;
                /* a; /* nested; */ comment */ SELECT "a;b" FROM t;
                """)).hasSize(4)
                .element(2).isEqualTo("DO $$ BEGIN PERFORM 1; END $$");
    }

    @Test
    void a_sql_standard_routine_body_is_one_statement() {
        then(texts("""
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
        then(texts("BEGIN; ALTER TABLE t ADD COLUMN c int; END; BEGIN; SELECT 1; COMMIT;"))
                .containsExactly("BEGIN", "ALTER TABLE t ADD COLUMN c int", "END", "BEGIN", "SELECT 1", "COMMIT");
    }

    @Test
    void identifiers_and_escape_strings_are_not_mistaken_for_keywords_or_quotes() {
        then(texts("SELECT E'it\\'s; fine', U&'\\0041;', a$b FROM t; SELECT 2"))
                .containsExactly("SELECT E'it\\'s; fine', U&'\\0041;', a$b FROM t", "SELECT 2");
    }

    @Test
    void copy_data_and_meta_commands_are_not_statements_of_their_own() {
        List<SqlStatement> st = SqlScript.split("COPY t (a) FROM stdin;\n1\n2; DROP TABLE t\n\\.\n"
                + "\\set ON_ERROR_STOP on\nALTER TABLE t ADD COLUMN c int;");

        then(st).extracting(SqlStatement::text).containsExactly("COPY t (a) FROM stdin", "\\set ON_ERROR_STOP on",
                "ALTER TABLE t ADD COLUMN c int");
        then(st.get(0).copyData()).isEqualTo("1\n2; DROP TABLE t\n");
        then(st.get(0).isCopyFromStdin()).isTrue();
        then(st.get(1).isClientOnlyMetaCommand()).isTrue();
        then(st.get(2).line()).isEqualTo(6);
    }

    @Test
    void transactions_follow_explicit_boundaries_and_statements_that_need_no_transaction() {
        SqlScript script = SqlScript.parse("""
                ALTER TABLE t ADD COLUMN a int;
                ALTER TABLE t ADD COLUMN b int;
                CREATE INDEX CONCURRENTLY i ON t (a);
                BEGIN;
                ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;
                COMMIT;
                BEGIN;
                ALTER TABLE t VALIDATE CONSTRAINT c;
                COMMIT;
                """);

        then(script.transactions()).extracting(SqlTransaction::toString).containsExactly(
                "SqlTransaction[#1 in transaction: #1 L1:1, #2 L2:1]",
                "SqlTransaction[#2 no transaction: #3 L3:1]",
                "SqlTransaction[#3 in transaction: #5 L5:1]",
                "SqlTransaction[#4 in transaction: #8 L8:1]");
        then(script.problems()).isEmpty();
    }

    @Test
    void a_goose_or_dbmate_down_section_is_left_out() {
        SqlScript goose = SqlScript.parse("-- +goose Up\nCREATE TABLE t (a int);\n-- +goose Down\nDROP TABLE t;\n");
        SqlScript dbmate = SqlScript.parse("-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;");

        then(goose.statements()).extracting(SqlStatement::text).containsExactly("CREATE TABLE t (a int)");
        then(goose.hasDownSection()).isTrue();
        then(dbmate.transactions()).hasSize(1);
        then(dbmate.transactions().get(0).statements()).extracting(SqlStatement::text)
                .containsExactly("CREATE TABLE t (a int)");
    }

    @Test
    void the_down_marker_counts_only_at_the_start_of_a_line() {
        String midLine = "SELECT 1; -- +goose Down\nSELECT 2;";
        then(SqlScript.forwardPart(midLine)).isEqualTo(midLine);
        then(SqlScript.forwardPart("SELECT 1;\r\n \t--\t+GOOSE\tdown\r\nSELECT 2;")).isEqualTo("SELECT 1;\r\n");
        then(SqlScript.forwardPart("---- migrate:down\nSELECT 2;")).isEqualTo("---- migrate:down\nSELECT 2;");
        then(SqlScript.forwardPart("-- x\n--- migrate:down\n-- migrate:downs\n  -- migrate:down -- x\nSELECT 2;"))
                .isEqualTo("-- x\n--- migrate:down\n-- migrate:downs\n");
        then(SqlScript.forwardPart("-- migrate:down")).isEmpty();
        then(SqlScript.forwardPart("SELECT 1;\u2028-- migrate:down")).isEqualTo("SELECT 1;\u2028");
        then(SqlScript.forwardPart("SELECT '--';")).isEqualTo("SELECT '--';");
    }

    @Test
    void a_runner_is_told_why_it_must_not_run_a_script() {
        then(SqlScript.parse("SELECT 1;\0DROP TABLE items;\n").problems()).first().asString()
                .contains("NUL character at line 1, column 10");
        then(SqlScript.parse("SELECT 1;\n\\i other.sql\n").problems()).first().asString()
                .contains("line 2, column 1", "\\i");
        then(SqlScript.parse("BEGIN; DROP TABLE t; ROLLBACK;").problems()).first().asString().contains("ROLLBACK");
        then(SqlScript.parse("SELECT 'unterminated").problems()).first().asString()
                .contains("unterminated quoted string");
    }

    @Test
    void decode_refuses_nul_and_malformed_utf8_with_line_and_column() {
        then(org.assertj.core.api.BDDAssertions.catchThrowable(() -> SqlScript.decode("SELECT 1;\0DROP TABLE items;\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isInstanceOf(SqlInputException.class)
                .hasMessage("is not SQL text: it contains a NUL character at line 1, column 10 (a binary file?)");
        then(org.assertj.core.api.BDDAssertions.catchThrowable(() -> SqlScript.decode(new byte[] {'a', '\n', 'b',
                (byte) 0xE9, 'c'}))).isInstanceOf(SqlInputException.class)
                .hasMessage("is not valid UTF-8: byte 0xE9 at line 2, column 2 (save it as UTF-8)");
        then(SqlScript.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'S'})).isEqualTo("S");
    }

    @Test
    void decode_takes_ascii_as_is_and_tells_a_replacement_character_written_from_a_malformed_byte() {
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        then(SqlScript.decode("SELECT 1;\n-- x\n".getBytes(utf8))).isEqualTo("SELECT 1;\n-- x\n");
        // U+FFFD written in the file is text like any other; a lone 0x80 decodes to one U+FFFD too, and is refused
        then(SqlScript.decode("SELECT '\uFFFD';".getBytes(utf8))).isEqualTo("SELECT '\uFFFD';");
        then(org.assertj.core.api.BDDAssertions.catchThrowable(() -> SqlScript.decode(new byte[] {'S', (byte) 0x80,
                ';'}))).isInstanceOf(SqlInputException.class)
                .hasMessage("is not valid UTF-8: byte 0x80 at line 1, column 2 (save it as UTF-8)");
        then(SqlScript.decode(new byte[] {(byte) 0xFF, (byte) 0xFE, 'S', 0})).isEqualTo("S");
    }

    @Test
    void streaming_hands_over_the_statements_split_returns_in_order() {
        String sql = """
                BEGIN;
                COPY t (a) FROM stdin;
                1
                2; DROP TABLE t;
                \\.
                \\set ON_ERROR_STOP on
                CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
                SELECT 'unterminated
                """;
        List<SqlStatement> streamed = new java.util.ArrayList<>();
        SqlScript.split(sql, streamed::add);

        then(streamed).isEqualTo(SqlScript.split(sql)).hasSize(5);
        then(streamed).extracting(SqlStatement::index).containsExactly(1, 2, 3, 4, 5);
    }
}
