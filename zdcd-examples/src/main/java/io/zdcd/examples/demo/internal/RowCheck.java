package io.zdcd.examples.demo.internal;

import io.zdcd.examples.demo.DataAccess.InsertedRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Counts the rows that should be in {@code accounts} and are not: the generated ones and every acknowledged insert. */
public final class RowCheck {
    private RowCheck() {
    }

    /**
     * The number of rows missing: generated rows (ids 1..{@code generated}) and rows whose insert the app saw
     * commit, matched by id and email (an id alone may be reused after a restore rewinds the sequence).
     */
    public static long missing(Connection c, long generated, List<InsertedRow> inserted) throws SQLException {
        long present;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM accounts WHERE id BETWEEN 1 AND ?")) {
            ps.setLong(1, generated);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                present = rs.getLong(1);
            }
        }
        Long[] ids = inserted.stream().map(InsertedRow::id).toArray(Long[]::new);
        String[] emails = inserted.stream().map(InsertedRow::email).toArray(String[]::new);
        Array idArray = c.createArrayOf("bigint", ids);
        Array emailArray = c.createArrayOf("text", emails);
        long found;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM unnest(?::bigint[], ?::text[]) "
                + "AS w(id, email) JOIN accounts a ON a.id = w.id AND a.email = w.email")) {
            ps.setArray(1, idArray);
            ps.setArray(2, emailArray);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                found = rs.getLong(1);
            }
        }
        return (generated - present) + (inserted.size() - found);
    }
}
