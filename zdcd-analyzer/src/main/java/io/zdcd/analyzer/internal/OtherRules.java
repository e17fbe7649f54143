package io.zdcd.analyzer.internal;

/** What is left of the old DROP, ALTER and maintenance rules: everything moved to recognise -> effects -> rules. */
final class OtherRules {
    private OtherRules() {
    }

    /** ALTER of anything but a table ({@code AlterTableRules.alter} calls it): judged by the AlterRecogniser. */
    static void alterOther(Tokens t, int i, Judgement j) {
        StatementRules.dispatch(t, i, j);
    }
}
