package io.zdcd.analyzer.assertions;

/**
 * What every zdcd assertion shares: the value under test, an optional description, and failing with an
 * {@link AssertionError} that JUnit, AssertJ and every IDE report as a test failure.
 */
abstract class BaseAssert<S extends BaseAssert<S, A>, A> {

    /** The value under test (may be null: every check starts with a null check). */
    protected final A actual;
    private String description = "";

    BaseAssert(A actual) {
        this.actual = actual;
    }

    /**
     * Describes the value under test: failures start with {@code [description]}.
     *
     * @param description a {@link String#format} pattern naming the value under test, such as {@code "V%s"}
     * @param args        the pattern's arguments, if any
     * @return this assertion, to chain further checks
     */
    public S as(String description, Object... args) {
        this.description = "[" + String.format(description, args) + "] ";
        return self();
    }

    /**
     * The value is not null.
     *
     * @return this assertion, to chain further checks; fails when the value is null
     */
    public S isNotNull() {
        if (actual == null) {
            failWithMessage("Expecting actual not to be null");
        }
        return self();
    }

    /**
     * The value under test, to go on with any other assertion library.
     *
     * @return the value the assertion was made on, as given (may be null)
     */
    public A actual() {
        return actual;
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    final void failWithMessage(String format, Object... args) {
        throw new AssertionError(description + String.format(format, args));
    }
}
