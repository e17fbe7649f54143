package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.internal.model.AddCheck;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.AddExclude;
import io.zdcd.analyzer.internal.model.AddForeignKey;
import io.zdcd.analyzer.internal.model.AddIdentity;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.analyzer.internal.model.AddUnique;
import io.zdcd.analyzer.internal.model.AlterColumnType;
import io.zdcd.analyzer.internal.model.AlterConstraint;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.AlterIndex;
import io.zdcd.analyzer.internal.model.AlterObject;
import io.zdcd.analyzer.internal.model.AlterPolicy;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.analyzer.internal.model.AlterTableTarget;
import io.zdcd.analyzer.internal.model.AlterTrigger;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.analyzer.internal.model.Analyze;
import io.zdcd.analyzer.internal.model.AttachPartition;
import io.zdcd.analyzer.internal.model.Cluster;
import io.zdcd.analyzer.internal.model.ColumnSettings;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.analyzer.internal.model.Comment;
import io.zdcd.analyzer.internal.model.ConstraintUnread;
import io.zdcd.analyzer.internal.model.Copy;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.CreateMaterializedView;
import io.zdcd.analyzer.internal.model.CreateObject;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.CreatePartition;
import io.zdcd.analyzer.internal.model.CreateStatistics;
import io.zdcd.analyzer.internal.model.CreateTable;
import io.zdcd.analyzer.internal.model.CreateTableAs;
import io.zdcd.analyzer.internal.model.CreateView;
import io.zdcd.analyzer.internal.model.DataModifyingCte;
import io.zdcd.analyzer.internal.model.DetachPartition;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.analyzer.internal.model.DropConstraint;
import io.zdcd.analyzer.internal.model.DropDefault;
import io.zdcd.analyzer.internal.model.DropIdentity;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.analyzer.internal.model.DropNotNull;
import io.zdcd.analyzer.internal.model.DropObjects;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.IdentityOptions;
import io.zdcd.analyzer.internal.model.Inheritance;
import io.zdcd.analyzer.internal.model.Insert;
import io.zdcd.analyzer.internal.model.LockTable;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.MoveAllInTablespace;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.OwnerTo;
import io.zdcd.analyzer.internal.model.PrepareStatement;
import io.zdcd.analyzer.internal.model.Privileges;
import io.zdcd.analyzer.internal.model.Procedural;
import io.zdcd.analyzer.internal.model.PsqlMetaCommand;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.ReadCommand;
import io.zdcd.analyzer.internal.model.ReadSources;
import io.zdcd.analyzer.internal.model.RefreshMaterializedView;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.analyzer.internal.model.RenameConstraint;
import io.zdcd.analyzer.internal.model.RenameTable;
import io.zdcd.analyzer.internal.model.Reset;
import io.zdcd.analyzer.internal.model.RewriteTable;
import io.zdcd.analyzer.internal.model.RowSecurity;
import io.zdcd.analyzer.internal.model.SelectInto;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.analyzer.internal.model.SetDefault;
import io.zdcd.analyzer.internal.model.SetExpression;
import io.zdcd.analyzer.internal.model.SetNotNull;
import io.zdcd.analyzer.internal.model.SetOther;
import io.zdcd.analyzer.internal.model.SetSchema;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.analyzer.internal.model.TableLocked;
import io.zdcd.analyzer.internal.model.TableSettings;
import io.zdcd.analyzer.internal.model.Transaction;
import io.zdcd.analyzer.internal.model.TriggerToggle;
import io.zdcd.analyzer.internal.model.Truncate;
import io.zdcd.analyzer.internal.model.UnknownTimeZone;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import io.zdcd.analyzer.internal.model.Vacuum;
import io.zdcd.analyzer.internal.model.ValidateConstraint;
import io.zdcd.analyzer.rules.Action;
import io.zdcd.analyzer.rules.Action.ConstraintKind;
import io.zdcd.analyzer.rules.Action.Other;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place where the internal records ({@code internal.model}) become the public {@link Action}s a team's rules
 * check: one mapping per record type, listed in {@link #MAPPINGS} (a test checks every record type has one). A record
 * that is part of an action another record already gives (an ADD COLUMN's second and third parts, the ALTER TABLE
 * target) maps to nothing.
 */
public final class Actions {
    private Actions() {
    }

    private static final Map<Class<? extends Op>, Function<Op, List<Action>>> MAP = new LinkedHashMap<>();

    /** The mapping of each record type. */
    public static final Map<Class<? extends Op>, Function<Op, List<Action>>> MAPPINGS =
            Collections.unmodifiableMap(MAP);

    private static <T extends Op> void map(Class<T> type, Function<T, List<Action>> mapping) {
        MAP.put(type, op -> mapping.apply(type.cast(op)));
    }

    private static <T extends Op> void one(Class<T> type, Function<T, Action> mapping) {
        MAP.put(type, op -> List.of(mapping.apply(type.cast(op))));
    }

    private static <T extends Op> void other(Class<T> type, Function<T, String> kind, Function<T, List<Name>> tables) {
        one(type, o -> new Other(kind.apply(o), names(tables.apply(o))));
    }

    /** The actions of a statement's records, in order. */
    public static List<Action> of(List<Op> ops) {
        List<Action> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            Function<Op, List<Action>> m = MAP.get(op.getClass());
            List<Action> actions;
            try {
                actions = m == null ? null : m.apply(op);
            } catch (RuntimeException e) { // a fact the recogniser could not read; never fail the classification
                actions = null;
            }
            out.addAll(actions != null ? actions : List.of(new Other(op.getClass().getSimpleName(), List.of())));
        }
        return List.copyOf(out);
    }

    private static String n(Name name) {
        return name == null ? "" : name.display();
    }

    private static List<String> names(List<Name> names) {
        List<String> out = new ArrayList<>(names.size());
        for (Name name : names) {
            if (name != null) {
                out.add(name.display());
            }
        }
        return out;
    }

    private static List<Name> list(Name... names) {
        List<Name> out = new ArrayList<>();
        for (Name name : names) {
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }

    private static String s(String text) {
        return text == null ? "" : text;
    }

    static ConstraintKind kind(String sql) {
        if (sql == null) {
            return ConstraintKind.UNKNOWN;
        }
        return switch (sql) {
            case "CHECK" -> ConstraintKind.CHECK;
            case "FOREIGN KEY" -> ConstraintKind.FOREIGN_KEY;
            case "UNIQUE" -> ConstraintKind.UNIQUE;
            case "PRIMARY KEY" -> ConstraintKind.PRIMARY_KEY;
            case "EXCLUDE" -> ConstraintKind.EXCLUDE;
            case "NOT NULL" -> ConstraintKind.NOT_NULL;
            default -> ConstraintKind.UNKNOWN;
        };
    }

    static {
        // tables and columns
        map(AlterTableTarget.class, o -> List.of()); // the ALTER TABLE itself: its actions follow
        map(AddColumn.class, o -> {
            if (o.part() != AddColumn.Part.CONSTRAINTS) {
                return List.of(); // the same action's other parts
            }
            ColumnSpec c = o.column();
            return List.of(new Action.AddColumn(n(o.table()), c.name(), s(c.typeWritten()), c.hasDefault(),
                    c.notNull(), c.unique(), c.primaryKey(), n(c.references()), c.identity(), c.generated()));
        });
        one(DropColumn.class, o -> new Action.DropColumn(n(o.table()), s(o.column())));
        one(RenameColumn.class, o -> new Action.RenameColumn(n(o.table()), s(o.from()), s(o.to())));
        one(RenameTable.class, o -> new Action.RenameTable(n(o.table()), n(o.to())));
        one(AlterColumnType.class, o -> new Action.AlterColumnType(n(o.table()), s(o.column()), s(o.written())));
        one(SetNotNull.class, o -> new Action.SetNotNull(n(o.table()), s(o.column())));
        one(DropNotNull.class, o -> new Action.DropNotNull(n(o.table()), s(o.column())));
        one(SetDefault.class, o -> new Action.SetDefault(n(o.table()), s(o.column())));
        one(DropDefault.class, o -> new Action.DropDefault(n(o.table()), s(o.column())));
        other(AddIdentity.class, o -> "ALTER COLUMN ADD IDENTITY", o -> list(o.table()));
        other(DropIdentity.class, o -> o.expression() ? "ALTER COLUMN DROP EXPRESSION" : "ALTER COLUMN DROP IDENTITY",
                o -> list(o.table()));
        other(IdentityOptions.class, o -> "ALTER COLUMN SET IDENTITY OPTIONS", o -> list(o.table()));
        other(SetExpression.class, o -> "ALTER COLUMN SET EXPRESSION", o -> list(o.table()));
        other(ColumnSettings.class, o -> o.compression() ? "ALTER COLUMN SET COMPRESSION"
                : o.storage() ? "ALTER COLUMN SET STORAGE" : "ALTER COLUMN SET STATISTICS", o -> list(o.table()));
        other(TableLocked.class, o -> "ALTER TABLE", o -> list(o.table()));
        other(RewriteTable.class, o -> "ALTER TABLE " + s(o.what()), o -> list(o.table()));
        other(TableSettings.class, o -> switch (o.setting()) {
            case PARAMETERS -> "ALTER TABLE SET (...)";
            case RESET -> "ALTER TABLE RESET (...)";
            case WITHOUT -> ("ALTER TABLE SET WITHOUT " + s(o.word())).strip();
            case CLUSTER_ON -> "ALTER TABLE CLUSTER ON";
            case REPLICA_IDENTITY -> "ALTER TABLE REPLICA IDENTITY";
        }, o -> list(o.table()));
        other(SetSchema.class, o -> "ALTER TABLE SET SCHEMA", o -> list(o.table()));
        other(RowSecurity.class, o -> "ALTER TABLE " + s(o.text()), o -> list(o.table()));
        other(TriggerToggle.class, o -> "ALTER TABLE " + s(o.text()), o -> list(o.table()));
        other(Inheritance.class, o -> "ALTER TABLE INHERITANCE", o -> list(o.table(), o.inherits(),
                o.stopsInheriting()));
        other(MoveAllInTablespace.class, o -> "ALTER TABLE ALL IN TABLESPACE", o -> List.of());
        other(OwnerTo.class, o -> "OWNER TO", o -> list(o.relation()));

        // constraints
        one(AddCheck.class, o -> new Action.AddConstraint(n(o.table()), s(o.name()), ConstraintKind.CHECK,
                o.notValid(), ""));
        one(AddForeignKey.class, o -> new Action.AddConstraint(n(o.table()), s(o.name()),
                ConstraintKind.FOREIGN_KEY, o.notValid(), n(o.referenced())));
        one(AddUnique.class, o -> new Action.AddConstraint(n(o.table()), s(o.name()),
                o.primaryKey() ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE, false, ""));
        one(AddExclude.class, o -> new Action.AddConstraint(n(o.table()), s(o.name()), ConstraintKind.EXCLUDE,
                o.notValid(), ""));
        one(AddNotNull.class, o -> new Action.AddConstraint(n(o.table()), s(o.name()), ConstraintKind.NOT_NULL,
                o.notValid(), ""));
        other(ConstraintUnread.class, o -> "ALTER TABLE ADD CONSTRAINT", o -> list(o.table()));
        one(ValidateConstraint.class, o -> new Action.ValidateConstraint(n(o.table()), s(o.name())));
        one(DropConstraint.class, o -> new Action.DropConstraint(n(o.table()), s(o.name()), kind(o.kind())));
        other(RenameConstraint.class, o -> "ALTER TABLE RENAME CONSTRAINT", o -> list(o.table()));
        other(AlterConstraint.class, o -> "ALTER TABLE ALTER CONSTRAINT", o -> list(o.table()));

        // partitions
        map(AttachPartition.class, o -> o.part() != AttachPartition.Part.DEFAULT_SCAN ? List.of()
                : List.of(new Action.AttachPartition(n(o.parent()), n(o.partition()))));
        one(DetachPartition.class, o -> new Action.DetachPartition(n(o.parent()), n(o.partition()),
                o.concurrently() || o.finish()));

        // CREATE
        one(CreateTable.class, o -> new Action.CreateTable(n(o.name()), "", false));
        one(CreateTableAs.class, o -> new Action.CreateTable(n(o.name()), "", true));
        one(SelectInto.class, o -> new Action.CreateTable(n(o.table()), "", true));
        one(CreatePartition.class, o -> new Action.CreateTable(n(o.name()), n(o.parent()), false));
        one(CreateIndex.class, o -> new Action.CreateIndex(n(o.table()), s(o.indexName()), o.unique(),
                o.concurrently(), o.columns()));
        other(CreateView.class, o -> "CREATE VIEW", o -> list(o.name()));
        other(CreateMaterializedView.class, o -> "CREATE MATERIALIZED VIEW", o -> list(o.name()));
        other(CreateOnTable.class, o -> "CREATE " + s(o.what()), o -> list(o.table()));
        other(CreateStatistics.class, o -> "CREATE STATISTICS", o -> list(o.table()));
        other(CreateObject.class, o -> "CREATE " + s(o.what()), o -> list(o.foreignTable() != null ? o.foreignTable()
                : o.created()));

        // DROP
        map(DropObjects.class, o -> List.of(o.what().equals("TABLE")
                ? new Action.DropTable(names(o.names()), o.cascade())
                : new Other("DROP " + s(o.what()), o.relation() ? names(o.names()) : List.of())));
        one(DropIndex.class, o -> new Action.DropIndex(o.indexes().stream().map(t -> n(t.name()))
                .filter(x -> !x.isEmpty()).toList(), o.concurrently()));
        other(DropOnTable.class, o -> "DROP " + s(o.what()), o -> list(o.table()));

        // other ALTERs
        other(AlterIndex.class, o -> "ALTER INDEX " + o.action().name().replace('_', ' '), o -> list(o.index()));
        other(AlterType.class, o -> "ALTER TYPE " + o.action().name().replace('_', ' '), o -> List.of());
        other(AlterDomain.class, o -> "ALTER DOMAIN " + o.action().name().replace('_', ' '), o -> List.of());
        other(AlterRelation.class, o -> "ALTER " + s(o.what()), o -> list(o.name()));
        other(AlterRoleOrDatabase.class, o -> "ALTER " + s(o.what()), o -> List.of());
        other(AlterPolicy.class, o -> "ALTER POLICY", o -> list(o.table()));
        other(AlterTrigger.class, o -> "ALTER TRIGGER", o -> list(o.table()));
        other(AlterObject.class, o -> "ALTER " + s(o.what()), o -> List.of());

        // data
        one(UpdateOrDelete.class, o -> new Action.Write(s(o.verb()), n(o.table()), o.where()));
        one(Insert.class, o -> new Action.Write("INSERT", n(o.table()), false));
        one(Merge.class, o -> new Action.Write("MERGE", n(o.table()), false));
        map(Copy.class, o -> List.of(o.from() && !o.query() ? new Action.Write("COPY", n(o.table()), false)
                : new Other("COPY TO", names(o.table() != null ? list(o.table()) : o.sources()))));
        map(DataModifyingCte.class, o -> of(o.ops())); // the statement inside WITH
        other(Query.class, o -> "SELECT", Query::sources);
        other(ReadSources.class, o -> "SELECT", ReadSources::sources);
        other(ReadCommand.class, ReadCommand::verb, o -> List.of());

        // maintenance
        one(Truncate.class, o -> new Action.Truncate(names(o.tables()), o.cascade()));
        one(LockTable.class, o -> new Action.LockTable(names(o.tables()), o.mode()));
        one(Reindex.class, o -> new Action.Reindex(s(o.what()), n(o.target()), o.concurrently()));
        other(Vacuum.class, o -> o.full() ? "VACUUM FULL" : "VACUUM", o -> list(o.table()));
        other(Analyze.class, o -> "ANALYZE", o -> list(o.table()));
        other(Cluster.class, o -> "CLUSTER", o -> list(o.table()));
        other(RefreshMaterializedView.class, o -> o.concurrently() ? "REFRESH MATERIALIZED VIEW CONCURRENTLY"
                : "REFRESH MATERIALIZED VIEW", o -> list(o.view()));
        other(Comment.class, o -> "COMMENT", o -> list(o.relation()));

        // session, commands
        one(Setting.class, o -> new Action.Setting(s(o.name()), s(o.value()), o.local()));
        other(Reset.class, o -> "RESET", o -> List.of());
        other(SetOther.class, o -> o.constraints() ? "SET CONSTRAINTS" : "SET", o -> List.of());
        other(UnknownTimeZone.class, o -> "SET_CONFIG", o -> List.of());
        other(Transaction.class, o -> o.action().name().replace('_', ' '), o -> List.of());
        other(PrepareStatement.class, o -> "PREPARE", o -> List.of());
        other(PsqlMetaCommand.class, o -> "PSQL META-COMMAND", o -> List.of());
        other(Privileges.class, o -> o.grant() ? "GRANT" : "REVOKE", Privileges::tables);
        other(Procedural.class, Procedural::command, o -> List.of()); // a nested statement's actions follow
        other(SessionCommand.class, SessionCommand::command, o -> List.of());
        other(Unrecognised.class, o -> "UNRECOGNISED", o -> List.of());
    }
}
