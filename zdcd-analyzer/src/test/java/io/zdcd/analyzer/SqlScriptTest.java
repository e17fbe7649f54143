package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static List<String> texts(String sql) {
        return SqlScript.split(sql).stream().map(SqlStatement::text).toList();
    }

    @Test
    void splits_on_semicolons_with_line_and_column() {
        List<SqlStatement> st = SqlScript.split("BEGIN;\n  ALTER TABLE a ADD COLUMN b int;  SELECT 1;\nCOMMIT;");
        then(st).extracting(SqlStatement::text).containsExactly("BEGIN", "ALTER TABLE a ADD COLUMN b int", "SELECT 1",
                "COMMIT");
        then(st).extracting(SqlStatement::line).containsExactly(1, 2, 2, 3);
        then(st).extracting(SqlStatement::column).containsExactly(1, 3, 36, 1);
        then(st).extracting(SqlStatement::index).containsExactly(1, 2, 3, 4);
    }

    @Test
    void semicolons_inside_quotes_identifiers_and_comments_do_not_split() {
        then(texts("SELECT 'a;b', \"c;d\" -- e;f\n FROM t; /* g; /* nested; */ h; */ SELECT 2"))
                .containsExactly("SELECT 'a;b', \"c;d\" -- e;f\n FROM t", "SELECT 2");
    }

    @Test
    void doubled_quotes_escape_inside_strings_and_identifiers() {
        then(texts("SELECT 'it''s;' ; SELECT \"a\"\";b\"; SELECT 3")).containsExactly("SELECT 'it''s;'",
                "SELECT \"a\"\";b\"", "SELECT 3");
    }

    @Test
    void escape_strings_honour_backslash_quotes() {
        then(texts("SELECT E'a\\';b'; SELECT e'\\\\'; SELECT 'x\\'; SELECT 4"))
                .containsExactly("SELECT E'a\\';b'", "SELECT e'\\\\'", "SELECT 'x\\'", "SELECT 4");
    }

    @Test
    void a_word_ending_in_e_before_a_quote_is_not_an_escape_string() {
        // "somE'..." is not E'...': the backslash does not escape
        then(texts("SELECT name'a\\'; SELECT 2")).containsExactly("SELECT name'a\\'", "SELECT 2");
    }

    @Test
    void unicode_strings_are_standard_strings() {
        then(texts("SELECT U&'d\\0061t;a'; SELECT U&\"x;y\"; SELECT 2"))
                .containsExactly("SELECT U&'d\\0061t;a'", "SELECT U&\"x;y\"", "SELECT 2");
    }

    @Test
    void dollar_quotes_with_and_without_tags() {
        String fn = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql";
        String fn2 = "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 1; END; $x$ $body$ LANGUAGE plpgsql";
        then(texts(fn + ";\n" + fn2 + ";\nSELECT $1, a$b FROM t;")).containsExactly(fn, fn2,
                "SELECT $1, a$b FROM t");
    }

    @Test
    void begin_atomic_bodies_keep_their_semicolons() {
        String fn = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
                + "  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\n  SELECT 3;\nEND";
        then(texts(fn + ";\nSELECT 4;")).containsExactly(fn, "SELECT 4");
    }

    @Test
    void an_unterminated_begin_atomic_body_is_a_problem_and_unsafe() {
        String sql = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;\n";
        then(SqlScript.split(sql)).singleElement()
                .satisfies(s -> then(s.problem()).hasValueSatisfying(p -> then(p).contains("BEGIN ATOMIC")));
        then(SqlMigrationClassifier.defaults().classify(sql).verdict()).isEqualTo(io.zdcd.classify.Verdict.UNSAFE);
    }

    @Test
    void transaction_begin_is_not_an_atomic_body() {
        then(texts("BEGIN;\nSELECT 1;\nEND;")).containsExactly("BEGIN", "SELECT 1", "END");
    }

    @Test
    void comments_between_statements_are_not_statements() {
        List<SqlStatement> st = SqlScript.split("--\n-- Add field x to y\n--\nALTER TABLE y ADD COLUMN x int;\n"
                + "/* trailing */\n-- end\n");
        then(st).hasSize(1);
        then(st.get(0).line()).isEqualTo(4);
        then(st.get(0).text()).isEqualTo("ALTER TABLE y ADD COLUMN x int");
    }

    @Test
    void psql_meta_commands_run_to_the_end_of_their_line() {
        List<SqlStatement> st = SqlScript.split("\\set ON_ERROR_STOP on\nSELECT 1;\n  \\connect mydb\n"
                + "SELECT format('x') \\gexec\nSELECT 2;");
        then(st).extracting(SqlStatement::text).containsExactly("\\set ON_ERROR_STOP on", "SELECT 1",
                "\\connect mydb", "SELECT format('x')", "\\gexec", "SELECT 2");
        then(st).extracting(SqlStatement::psqlMetaCommand).containsExactly(true, false, true, false, true, false);
        then(st.get(2).column()).isEqualTo(3);
        then(st.get(4).line()).isEqualTo(4);
        then(st.get(4).column()).isEqualTo(20);
    }

    @Test
    void copy_from_stdin_data_belongs_to_the_copy_statement() {
        String sql = "COPY public.users (id, email) FROM stdin;\n1\ta;b@x\n2\t'c\n\\.\nSELECT 1;\n";
        List<SqlStatement> st = SqlScript.split(sql);
        then(st).extracting(SqlStatement::text).containsExactly("COPY public.users (id, email) FROM stdin",
                "SELECT 1");
        then(st.get(0).copyData()).isEqualTo("1\ta;b@x\n2\t'c\n");
        then(st.get(1).line()).isEqualTo(5);
    }

    @Test
    void copy_to_stdout_has_no_data() {
        then(SqlScript.split("COPY t TO stdout; SELECT 1;")).extracting(SqlStatement::copyData).containsExactly("",
                "");
    }

    @Test
    void a_last_statement_without_semicolon_is_kept() {
        then(texts("SELECT 1;\nSELECT 2  \n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void empty_statements_are_skipped() {
        then(texts(";;  ;\n; SELECT 1;;")).containsExactly("SELECT 1");
    }

    @Test
    void unterminated_quote_is_a_problem_not_an_exception() {
        List<SqlStatement> st = SqlScript.split("SELECT 1;\nSELECT 'abc;\nDROP TABLE users;");
        then(st).hasSize(2);
        then(st.get(1).problem()).contains("unterminated quoted string starting at line 2, column 8");
    }

    @Test
    void unterminated_dollar_quote_and_comment_are_problems() {
        then(SqlScript.split("DO $x$ BEGIN ; END").get(0).problem()).hasValueSatisfying(p -> then(p).startsWith(
                "unterminated dollar-quoted string $x$"));
        List<SqlStatement> st = SqlScript.split("SELECT 1; /* /* */ ALTER TABLE t DROP COLUMN c;");
        then(st).hasSize(2);
        then(st.get(1).problem()).hasValueSatisfying(p -> then(p).startsWith("unterminated block comment"));
    }

    @Test
    void crlf_line_endings_count_lines() {
        List<SqlStatement> st = SqlScript.split("SELECT 1;\r\nSELECT 2;\r\n");
        then(st).extracting(SqlStatement::line).containsExactly(1, 2);
        then(st).extracting(SqlStatement::text).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void binary_junk_never_throws() {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            sb.append((char) r.nextInt(0x3000));
        }
        List<SqlStatement> st = SqlScript.split(sb.toString());
        then(st).isNotEmpty();
    }

    @Test
    void a_one_megabyte_statement_is_one_statement() {
        StringBuilder sb = new StringBuilder("INSERT INTO t (v) VALUES ");
        while (sb.length() < 1_000_000) {
            sb.append("('a;b'), ");
        }
        sb.append("('z')");
        then(SqlScript.split(sb + ";")).singleElement().extracting(SqlStatement::text).isEqualTo(sb.toString());
    }
}
