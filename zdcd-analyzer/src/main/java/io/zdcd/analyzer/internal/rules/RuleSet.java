package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.effects.Effects;
import io.zdcd.analyzer.internal.model.Op;
import java.util.List;

/** zdcd's rule classes, in catalogue order, and the one loop that runs them. */
public final class RuleSet {
    /** Every rule class, in the order of {@link io.zdcd.analyzer.internal.Rules#all()}; one per rule id. */
    public static final List<ZdcdRule> ALL = List.of(
            new TransactionControlRule(),
            new SessionSettingRule(),
            new LockTimeoutMissingRule(),
            new ConcurrentlyInTransactionRule(),
            new NotAllowedInTransactionRule(),
            new UnclosedTransactionRule(),
            new LongOperationUnderHeldLockRule(),
            new AddColumnRule(),
            new AddColumnVolatileDefaultRule(),
            new AddColumnNotNullWithoutDefaultRule(),
            new AddColumnSerialOrIdentityRule(),
            new AddColumnGeneratedStoredRule(),
            new AddColumnInlineConstraintRule(),
            new AddColumnJsonRule(),
            new DropColumnRule(),
            new RenameColumnRule(),
            new AlterColumnTypeRule(),
            new AlterColumnTypeNoRewriteRule(),
            new SetNotNullRule(),
            new DropNotNullRule(),
            new SetDefaultRule(),
            new DropDefaultNotNullRule(),
            new DropDefaultRule(),
            new AddIdentityRule(),
            new IdentityOptionsRule(),
            new SequenceResetRule(),
            new RoleOrDatabaseChangeRule(),
            new OwnerChangeRule(),
            new DropIdentityOrExpressionRule(),
            new SetExpressionRule(),
            new AlterColumnSettingsRule(),
            new AddCheckConstraintRule(),
            new AddCheckNotValidRule(),
            new AddForeignKeyRule(),
            new AddForeignKeyNotValidRule(),
            new AddNotNullNotValidRule(),
            new ValidateConstraintRule(),
            new AddUniqueConstraintRule(),
            new AddConstraintUsingIndexRule(),
            new AddExclusionConstraintRule(),
            new DropConstraintRule(),
            new DropUniqueConstraintRule(),
            new RenameConstraintRule(),
            new AlterConstraintRule(),
            new CreateIndexNonConcurrentlyRule(),
            new CreateIndexConcurrentlyRule(),
            new ConcurrentIndexPg14BugRule(),
            new DropIndexRule(),
            new DropIndexConcurrentlyRule(),
            new ReindexRule(),
            new ReindexConcurrentlyRule(),
            new AlterIndexRule(),
            new AlterIndexSetTablespaceRule(),
            new CreateTableRule(),
            new CreateTableAsRule(),
            new DropTableRule(),
            new RenameTableRule(),
            new TruncateRule(),
            new AlterTableRewriteRule(),
            new AlterTableSettingsRule(),
            new RowLevelSecurityRule(),
            new TriggerRule(),
            new AttachPartitionRule(),
            new PartitionDefaultScanRule(),
            new DetachPartitionRule(),
            new AlterTableInheritanceRule(),
            new CreateObjectRule(),
            new DropObjectRule(),
            new RenameObjectRule(),
            new EnumAddValueRule(),
            new EnumRenameValueRule(),
            new AlterDomainAddConstraintRule(),
            new RefreshMaterializedViewRule(),
            new RefreshMaterializedViewConcurrentlyRule(),
            new LockTableRule(),
            new VacuumFullOrClusterRule(),
            new VacuumAnalyzeRule(),
            new CommentRule(),
            new PrivilegesRule(),
            new RevokeRule(),
            new DataChangeRule(),
            new UnbatchedDataChangeRule(),
            new ReadQueryRule(),
            new OpaqueCodeRule(),
            new DjangoPythonOperationRule(),
            new PsqlMetaCommandRule(),
            new UnrecognisedStatementRule(),
            new UnsupportedOnVersionRule(),
            new ParserDisagreementRule(),
            new UnusedIgnoreRule(),
            new InvalidIgnoreRule());

    /** The rules with a part that judges a statement in its migration, in the order their hooks run. */
    public static final List<MigrationCheck> MIGRATION = MigrationCheck.inOrder(ALL);

    private RuleSet() {
    }

    /**
     * Judges a recognised statement: for each record in order, applies its effects, then runs every rule on it.
     *
     * @param ops the statement's records
     * @param j   the statement's judgement
     */
    public static void judge(List<Op> ops, Judgement j) {
        for (Op op : ops) {
            j.ops.add(op);
            Effects.apply(op, j);
            for (ZdcdRule rule : BY_TYPE.get(op.getClass())) {
                rule.check(op, j);
            }
        }
    }

    /** For each record type, the rules of {@link #ALL} that judge it, in order (most rules judge one type only). */
    private static final ClassValue<ZdcdRule[]> BY_TYPE = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected ZdcdRule[] computeValue(Class<?> type) {
            return ALL.stream().filter(r -> r.judges((Class<? extends Op>) type)).toArray(ZdcdRule[]::new);
        }
    };
}
