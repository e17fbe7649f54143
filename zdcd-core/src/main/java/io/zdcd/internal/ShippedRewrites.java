package io.zdcd.internal;

import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Rewrite;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expand/contract rewrites whose expand an earlier deployment shipped, read back from the journal, so that a later
 * deployment finishes them (the expand parts the runner says are applied are skipped, the contract parts run after
 * release and verify) whether or not expand/contract is on for it: the contract of a shipped expand is no longer a
 * decision to take, and classifying the original migration again would only defer it to the nightly window.
 *
 * <p>The pipeline journals the whole rewrite ({@link JournalKeys#SHIPPED_REWRITE}: every part with its SQL and a
 * digest of the original migration's SQL) on the entries that prove its expand shipped: the SUCCEEDED entry of its
 * last expand part, and each contract part's entries (a contract part starts only once the release is verified).
 * A rewrite counts only while its migration is still pending (not recorded as applied) with the same SQL.
 */
final class ShippedRewrites {
    private static final Logger log = LoggerFactory.getLogger(ShippedRewrites.class);
    /** How many of the app's latest deployments are searched. */
    static final int HISTORY = 200;
    private static final String EXPAND = "expand";
    private static final String CONTRACT = "contract";

    private ShippedRewrites() {
    }

    /**
     * The journal attributes of the MIGRATE step of {@code r}'s expand part {@code i}: the rewritten migration, the
     * part, and on the last expand part the whole rewrite (its SUCCEEDED entry says the expand shipped).
     */
    static Map<String, String> expandAttributes(PendingMigration original, Rewrite r, int i) {
        return i == r.expand().size() - 1 ? attributes(original, r, EXPAND)
                : Map.of(JournalKeys.REWRITE_OF, original.name(), JournalKeys.PART, EXPAND);
    }

    /** The journal attributes of the CONTRACT step of a contract part of {@code r}, the whole rewrite included. */
    static Map<String, String> contractAttributes(PendingMigration original, Rewrite r) {
        return attributes(original, r, CONTRACT);
    }

    private static Map<String, String> attributes(PendingMigration original, Rewrite r, String part) {
        List<String> lines = new ArrayList<>();
        lines.add(digest(original.sql()));
        r.expand().forEach(p -> lines.add(line(EXPAND, p)));
        r.contract().forEach(p -> lines.add(line(CONTRACT, p)));
        return Map.of(JournalKeys.REWRITE_OF, original.name(), JournalKeys.PART, part, JournalKeys.SHIPPED_REWRITE,
                String.join("\n", lines));
    }

    /**
     * For each of {@code migrations} (the UNSAFE pending ones), the rewrite whose expand an earlier deployment of
     * {@code app} shipped, when the journal has it for the same SQL; the newest such deployment wins.
     */
    static Map<String, Rewrite> find(DeploymentJournal journal, String app, List<PendingMigration> migrations) {
        Map<String, Rewrite> found = new LinkedHashMap<>();
        if (migrations.isEmpty()) {
            return found;
        }
        List<DeploymentRecord> records;
        try {
            records = journal.recent(app, HISTORY);
        } catch (DeployLockLostException e) {
            throw e;
        } catch (RuntimeException e) {
            // fail closed: without the history the migration is judged as any other (deferred when UNSAFE)
            log.warn("cannot read the journal of {} for shipped expand/contract rewrites: {}", app, e.toString());
            return found;
        }
        for (PendingMigration m : migrations) {
            String digest = digest(m.sql());
            records.stream().flatMap(r -> r.entries().stream())
                    .filter(e -> e.attribute(JournalKeys.REWRITE_OF).equals(m.name())
                            && (e.phase() == JournalEntry.Phase.SUCCEEDED
                            || e.attribute(JournalKeys.PART).equals(CONTRACT)))
                    .map(e -> decode(m.name(), digest, e.attribute(JournalKeys.SHIPPED_REWRITE)))
                    .flatMap(Optional::stream).findFirst()
                    .ifPresent(r -> found.put(m.name(), r));
        }
        return found;
    }

    /** {@code V1__x.sql: expand V1__x_001_expand.sql; contract V1__x_002_contract.sql} (none when there is none). */
    static String describe(Rewrite r) {
        return r.migration() + ": expand " + names(r.expand()) + "; contract " + names(r.contract());
    }

    private static String names(List<PendingMigration> parts) {
        return parts.isEmpty() ? "none" : parts.stream().map(PendingMigration::name).collect(Collectors.joining(", "));
    }

    private static String line(String phase, PendingMigration part) {
        return phase + " " + URLEncoder.encode(part.name(), StandardCharsets.UTF_8) + " "
                + URLEncoder.encode(part.sql(), StandardCharsets.UTF_8);
    }

    /** The rewrite journaled as {@code text}, when it is one of the migration {@code name} with this digest. */
    private static Optional<Rewrite> decode(String name, String digest, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(digest)) {
            return Optional.empty(); // not journaled, or the migration changed since
        }
        List<PendingMigration> expand = new ArrayList<>();
        List<PendingMigration> contract = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ", -1);
            if (f.length != 3 || !(f[0].equals(EXPAND) || f[0].equals(CONTRACT))) {
                return Optional.empty();
            }
            try {
                PendingMigration part = new PendingMigration(URLDecoder.decode(f[1], StandardCharsets.UTF_8),
                        URLDecoder.decode(f[2], StandardCharsets.UTF_8));
                (f[0].equals(EXPAND) ? expand : contract).add(part);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Rewrite.of(name, expand, contract));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no part, or parts named alike: not one the pipeline journaled
        }
    }

    static String digest(String sql) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
