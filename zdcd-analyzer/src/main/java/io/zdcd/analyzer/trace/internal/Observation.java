package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.trace.ColumnChange;
import io.zdcd.analyzer.trace.ConstraintChange;
import io.zdcd.analyzer.trace.RelationLock;
import io.zdcd.analyzer.trace.StatementTrace;
import io.zdcd.classify.LockMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns two catalog snapshots (and the locks seen) into a {@link StatementTrace}. */
final class Observation {
    private Observation() {
    }

    /**
     * @param preExisting relations that existed before the migration
     * @param before      the catalog just before the statement
     * @param after       the catalog just after it (null when it failed and the transaction is unreadable)
     * @param locks       the locks to attribute to the statement
     * @param held        locks held before it (for {@code heldBefore})
     */
    static StatementTrace of(Sql.Stmt stmt, StatementTrace.Execution execution, Set<Long> preExisting,
                             Catalog.Snapshot before, Catalog.Snapshot after, Collection<Catalog.Lock> locks,
                             Collection<Catalog.Lock> held, Optional<String> sqlState, Optional<String> error,
                             List<String> notes) {
        // A relation is named as it was when the statement started (a RENAME names the old one), a new one as created.
        Map<Long, Catalog.Rel> names = new java.util.HashMap<>();
        if (after != null) {
            names.putAll(after.rels());
        }
        names.putAll(before.rels());
        List<RelationLock> lockList = relationLocks(locks, names, preExisting);
        List<RelationLock> heldList = relationLocks(held, names, preExisting).stream()
                .filter(RelationLock::existedBefore).toList();
        Optional<LockMode> strongest = strongest(lockList);
        List<String> rewritten = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        List<ColumnChange> columns = new ArrayList<>();
        List<ConstraintChange> constraints = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (after != null) {
            rewritten = rewrites(before, after, preExisting, execution);
            scanned = scans(before, after, preExisting);
            columns = columnChanges(before, after);
            constraints = constraintChanges(before, after);
            for (Map.Entry<Long, Boolean> e : after.indexValid().entrySet()) {
                if (!e.getValue() && before.indexValid().getOrDefault(e.getKey(), true)) {
                    Catalog.Rel r = after.rels().get(e.getKey());
                    invalid.add(r == null ? "oid " + e.getKey() : r.name());
                }
            }
        }
        return new StatementTrace(stmt.index(), stmt.line(), stmt.sql(), execution, lockList, heldList, strongest,
                rewritten, scanned, columns, constraints, invalid, before.lockTimeout(), before.statementTimeout(),
                sqlState, error, notes);
    }

    /** A statement that was not run (transaction control). */
    static StatementTrace notExecuted(Sql.Stmt stmt, String lockTimeout, String statementTimeout, String note) {
        return new StatementTrace(stmt.index(), stmt.line(), stmt.sql(), StatementTrace.Execution.NOT_EXECUTED,
                List.of(), List.of(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(),
                lockTimeout, statementTimeout, Optional.empty(), Optional.empty(), List.of(note));
    }

    static List<RelationLock> relationLocks(Collection<Catalog.Lock> locks, Map<Long, Catalog.Rel> names,
                                            Set<Long> preExisting) {
        Set<RelationLock> out = new LinkedHashSet<>();
        for (Catalog.Lock l : locks) {
            Catalog.Rel rel = names.get(l.relid());
            Optional<LockMode> mode = LockMode.fromName(l.mode());
            if (rel == null || mode.isEmpty()) {
                continue; // a system catalog, a toast table or a relation created and dropped unseen
            }
            out.add(new RelationLock(rel.name(), rel.kindName(), mode.get(), preExisting.contains(l.relid())));
        }
        return out.stream().sorted(Comparator.comparing(RelationLock::relation)
                .thenComparing(r -> r.mode().ordinal())).toList();
    }

    /** The strongest mode on a relation (table, index, sequence, view) that existed before the migration. */
    static Optional<LockMode> strongest(List<RelationLock> locks) {
        return locks.stream().filter(RelationLock::existedBefore).filter(l -> !l.kind().equals("toast table"))
                .map(RelationLock::mode).reduce(LockMode::max);
    }

    private static List<String> rewrites(Catalog.Snapshot before, Catalog.Snapshot after, Set<Long> preExisting,
                                         StatementTrace.Execution execution) {
        Set<String> out = new TreeSet<>();
        for (Catalog.Rel b : before.rels().values()) {
            if (!preExisting.contains(b.oid()) || b.relfilenode() == 0) {
                continue;
            }
            Catalog.Rel a = after.rels().get(b.oid());
            if (a == null && execution == StatementTrace.Execution.OUTSIDE_TRANSACTION) {
                // REINDEX CONCURRENTLY builds a new index and swaps it in under the old name.
                a = after.rels().values().stream().filter(r -> r.name().equals(b.name()) && r.kind() == b.kind())
                        .findFirst().orElse(null);
            }
            if (a != null && a.relfilenode() != 0 && a.relfilenode() != b.relfilenode()) {
                out.add(b.name());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> scans(Catalog.Snapshot before, Catalog.Snapshot after, Set<Long> preExisting) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<Long, Long> e : after.seqScans().entrySet()) {
            long was = before.seqScans().getOrDefault(e.getKey(), 0L);
            Catalog.Rel rel = after.rels().get(e.getKey());
            if (e.getValue() > was && preExisting.contains(e.getKey()) && rel != null) {
                out.add(rel.name());
            }
        }
        return List.copyOf(out);
    }

    private static List<ColumnChange> columnChanges(Catalog.Snapshot before, Catalog.Snapshot after) {
        List<ColumnChange> out = new ArrayList<>();
        for (Catalog.Attr a : after.attrs().values()) {
            Catalog.Rel rel = after.rels().get(a.relid());
            if (!before.rels().containsKey(a.relid()) || rel == null) {
                continue; // a relation the statement created
            }
            Catalog.Attr b = before.attrs().get(new Catalog.AttrKey(a.relid(), a.attnum()));
            boolean wasThere = b != null && !b.dropped();
            if (a.dropped()) {
                if (wasThere) {
                    out.add(new ColumnChange(rel.name(), b.name(), Optional.of(b.name()), Optional.of(b.type()),
                            Optional.empty(), b.notNull(), false));
                }
                continue;
            }
            if (!wasThere) {
                out.add(new ColumnChange(rel.name(), a.name(), Optional.empty(), Optional.empty(),
                        Optional.of(a.type()), false, a.notNull()));
            } else if (!b.name().equals(a.name()) || !b.type().equals(a.type()) || b.notNull() != a.notNull()) {
                out.add(new ColumnChange(rel.name(), a.name(), Optional.of(b.name()), Optional.of(b.type()),
                        Optional.of(a.type()), b.notNull(), a.notNull()));
            }
        }
        for (Catalog.Attr b : before.attrs().values()) {
            Catalog.Rel rel = before.rels().get(b.relid());
            if (!b.dropped() && rel != null && after.rels().containsKey(b.relid())
                    && !after.attrs().containsKey(new Catalog.AttrKey(b.relid(), b.attnum()))) {
                out.add(new ColumnChange(rel.name(), b.name(), Optional.of(b.name()), Optional.of(b.type()),
                        Optional.empty(), b.notNull(), false));
            }
        }
        out.sort(Comparator.comparing(ColumnChange::table).thenComparing(ColumnChange::column));
        return out;
    }

    private static List<ConstraintChange> constraintChanges(Catalog.Snapshot before, Catalog.Snapshot after) {
        List<ConstraintChange> out = new ArrayList<>();
        for (Catalog.Con a : after.cons().values()) {
            Catalog.Con b = before.cons().get(a.oid());
            Catalog.Rel rel = after.rels().get(a.relid());
            if (rel == null || !before.rels().containsKey(a.relid())) {
                continue;
            }
            if (b == null || b.validated() != a.validated()) {
                out.add(new ConstraintChange(rel.name(), a.name(), a.typeName(),
                        b == null ? Optional.empty() : Optional.of(b.validated()), Optional.of(a.validated())));
            }
        }
        for (Catalog.Con b : before.cons().values()) {
            Catalog.Rel rel = before.rels().get(b.relid());
            if (rel != null && after.rels().containsKey(b.relid()) && !after.cons().containsKey(b.oid())) {
                out.add(new ConstraintChange(rel.name(), b.name(), b.typeName(), Optional.of(b.validated()),
                        Optional.empty()));
            }
        }
        out.sort(Comparator.comparing(ConstraintChange::table).thenComparing(ConstraintChange::name));
        return out;
    }

    /** Locks in {@code after} that are not in {@code before} (same relation and mode). */
    static List<Catalog.Lock> acquired(List<Catalog.Lock> before, List<Catalog.Lock> after) {
        Set<String> had = new java.util.HashSet<>();
        before.forEach(l -> had.add(l.relid() + "/" + l.mode()));
        return after.stream().filter(l -> !had.contains(l.relid() + "/" + l.mode())).filter(Objects::nonNull)
                .toList();
    }
}
