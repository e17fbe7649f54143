package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.trace.Mismatch;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reviewed list of differences between prediction and observation that are documented as harmless, read from
 * {@code io/zdcd/analyzer/trace/known-differences.tsv}: {@code rule aspect predicted observed versions reason},
 * tab-separated; {@code *} matches anything; versions as {@code 13-18}, {@code 17} or {@code *}. The aspect
 * {@code lock:index} (or {@code lock:sequence}, {@code lock:table}...) allows a lock difference on relations of that
 * kind only; {@code lock} on any relation.
 */
public final class KnownDifferences {
    private static final String RESOURCE = "/io/zdcd/analyzer/trace/known-differences.tsv";

    record Entry(String rule, Mismatch.Aspect aspect, String relationKind, String predicted, String observed, int from,
                 int to, String reason) {
    }

    private final List<Entry> entries;

    private KnownDifferences(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static KnownDifferences none() {
        return new KnownDifferences(List.of());
    }

    public static KnownDifferences bundled() {
        try (InputStream in = KnownDifferences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return none();
            }
            return new KnownDifferences(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines().toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** These entries and the ones in {@code lines}. */
    public KnownDifferences plus(List<String> lines) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(parse(lines));
        return new KnownDifferences(all);
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 6) {
                throw new IllegalArgumentException("allow-list: expected 6 tab-separated fields in: " + line);
            }
            int from = 0;
            int to = Integer.MAX_VALUE;
            if (!f[4].equals("*")) {
                String[] range = f[4].split("-");
                from = Integer.parseInt(range[0].trim());
                to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            }
            String[] aspect = f[1].trim().split(":", 2);
            out.add(new Entry(f[0].trim(), Mismatch.Aspect.valueOf(aspect[0].toUpperCase(Locale.ROOT)),
                    aspect.length > 1 ? aspect[1] + " " : "", f[2].trim(), f[3].trim(), from, to, f[5].trim()));
        }
        return out;
    }

    /** Why this difference is allowed, if an entry documents it. */
    public Optional<String> reason(StatementAnalysis p, Mismatch.Aspect aspect, Optional<String> relation,
                                   String predicted, String observed, int version) {
        for (Entry e : entries) {
            boolean rule = e.rule.equals("*") || p.findings().stream().map(Finding::ruleId).anyMatch(e.rule::equals);
            boolean kind = e.relationKind.isEmpty() || relation.map(r -> r.startsWith(e.relationKind)).orElse(false);
            if (rule && kind && e.aspect == aspect && (e.predicted.equals("*") || e.predicted.equals(predicted))
                    && (e.observed.equals("*") || e.observed.equals(observed)) && version >= e.from
                    && version <= e.to) {
                return Optional.of(e.reason + " (rule " + e.rule + ")");
            }
        }
        return Optional.empty();
    }
}
