package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.AttachPartition;
import io.zdcd.analyzer.internal.model.DetachPartition;
import java.util.List;

/** ALTER TABLE ... ATTACH / DETACH PARTITION, read with the parent's DEFAULT partition as the schema has it now. */
final class PartitionRecogniser {
    private PartitionRecogniser() {
    }

    /** ATTACH PARTITION: {@code p} is the first token after it; two records (DEFAULT scan, then bound). */
    static AlterTableRecogniser.Action attach(Tokens t, int p, Name parent, boolean parentNew, Judgement j) {
        Name part = Name.parse(t, p);
        String def = j.ctx.schema.defaultPartition(parent.key());
        boolean defaultNew = parentNew || (def != null && !def.isEmpty() && !j.ctx.existedBefore(def));
        AttachPartition a = new AttachPartition(parent, parentNew, part,
                part != null && !j.ctx.existedBefore(part.key()), part != null && t.is(part.end(), "DEFAULT"), def,
                defaultNew, AttachPartition.Part.DEFAULT_SCAN);
        return new AlterTableRecogniser.Action("ATTACH PARTITION", List.of(a, a.part(AttachPartition.Part.BOUND)));
    }

    /** DETACH PARTITION: {@code p} is the first token after it, {@code e} the action's end. */
    static AlterTableRecogniser.Action detach(Tokens t, int p, int e, Name parent, boolean parentNew, Judgement j) {
        boolean concurrently = t.contains(p, e, "CONCURRENTLY");
        boolean finalize = t.contains(p, e, "FINALIZE");
        String kind = !j.ctx.version.atLeast(14) ? "DETACH PARTITION"
                : "DETACH PARTITION" + (concurrently ? " CONCURRENTLY" : finalize ? " FINALIZE" : "");
        return new AlterTableRecogniser.Action(kind, List.of(new DetachPartition(parent, parentNew, Name.parse(t, p),
                concurrently, finalize, j.ctx.schema.defaultPartition(parent.key()))));
    }
}
