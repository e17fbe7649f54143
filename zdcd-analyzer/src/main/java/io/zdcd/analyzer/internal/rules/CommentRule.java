package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Comment;
import io.zdcd.classify.Verdict;

/** comment: catalog only; on an existing relation a brief ShareUpdateExclusiveLock. */
final class CommentRule extends OpRule<Comment> {
    CommentRule() {
        super(Rules.COMMENT, Comment.class);
    }

    @Override
    void judge(Comment op, Judgement j) {
        boolean locks = op.relation() != null && j.ctx.existedBefore(op.relation().key());
        j.finding(meta(), Verdict.SAFE, "sets a comment: catalog only"
                + (locks ? " (ShareUpdateExclusiveLock: reads and writes go on)" : ""));
    }
}
