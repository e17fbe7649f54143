package io.zdcd.analyzer.internal;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Schema#checkOn}: the first CHECK constraint, in the table's constraint order, that mentions a column. */
class SchemaChecksTest {

    private static Schema.Constraint check(String... columns) {
        Schema.Constraint c = new Schema.Constraint();
        c.kind = "CHECK";
        c.validated = true;
        c.checkColumns = Set.of(columns);
        return c;
    }

    private static Schema.Constraint unique() {
        Schema.Constraint c = new Schema.Constraint();
        c.kind = "UNIQUE";
        c.validated = true;
        return c;
    }

    @Test
    void followsAddsRemovesAndReplacementsInConstraintOrder() {
        Schema schema = new Schema();
        Schema.Table t = schema.tableOrCreate("shop");
        then(schema.checkOn("shop", "total")).isNull();
        then(schema.checkOn("nowhere", "total")).isNull();

        t.putConstraint("u", unique());
        t.putConstraint("c1", check("total", "tax"));
        t.putConstraint("c2", check("total"));
        then(schema.checkOn("shop", "total")).isEqualTo("c1");
        then(schema.checkOn("shop", "tax")).isEqualTo("c1");
        then(schema.checkOn("shop", "other")).isNull();

        t.removeConstraint("c1");
        then(schema.checkOn("shop", "total")).isEqualTo("c2");
        then(schema.checkOn("shop", "tax")).isNull();

        t.putConstraint("c1", check("total")); // added again: now after c2
        then(schema.checkOn("shop", "total")).isEqualTo("c2");

        t.putConstraint("c2", unique()); // replaced in place by a constraint that is no CHECK
        then(schema.checkOn("shop", "total")).isEqualTo("c1");

        t.putConstraint("u", check("total")); // replaced in place: u keeps the first position
        then(schema.checkOn("shop", "total")).isEqualTo("u");

        Schema copy = schema.copy();
        then(copy.checkOn("shop", "total")).isEqualTo("u");
        t.removeConstraint("u");
        then(schema.checkOn("shop", "total")).isEqualTo("c1");
        then(copy.checkOn("shop", "total")).isEqualTo("u");
    }
}
