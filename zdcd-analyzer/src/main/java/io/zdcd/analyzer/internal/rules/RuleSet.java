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
            new RenameColumnRule(),
            new SequenceResetRule(),
            new RoleOrDatabaseChangeRule(),
            new OwnerChangeRule(),
            new ValidateConstraintRule(),
            new DropUniqueConstraintRule(),
            new ConcurrentIndexPg14BugRule(),
            new DropIndexRule(),
            new DropIndexConcurrentlyRule(),
            new ReindexRule(),
            new ReindexConcurrentlyRule(),
            new AlterIndexRule(),
            new AlterIndexSetTablespaceRule(),
            new CreateTableAsRule(),
            new DropTableRule(),
            new RenameTableRule(),
            new TruncateRule(),
            new AlterTableRewriteRule(),
            new AlterTableSettingsRule(),
            new RowLevelSecurityRule(),
            new TriggerRule(),
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
            Effects.apply(op, j);
            for (ZdcdRule rule : ALL) {
                rule.check(op, j);
            }
        }
    }
}
