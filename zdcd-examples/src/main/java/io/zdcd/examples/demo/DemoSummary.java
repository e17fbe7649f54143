package io.zdcd.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import io.zdcd.examples.demo.internal.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The demo's result: every scene, zdcd's run next to the naive one, as a table for people ({@link #table()}) and as
 * JSON for machines ({@link #toJson()}).
 *
 * @param scenes   the scenes in order
 * @param rows     rows the demo table started with
 * @param wallTime the whole demo, server start and data fill included
 * @param server   where it ran (never with a password)
 */
public record DemoSummary(List<SceneResult> scenes, long rows, Duration wallTime, String server) {
    public DemoSummary {
        scenes = List.copyOf(scenes);
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(server, "server");
    }

    /** Whether zdcd behaved as expected in every scene (the demo's exit code is 0 exactly then). */
    public boolean allAsExpected() {
        return !scenes.isEmpty() && scenes.stream().allMatch(SceneResult::asExpected);
    }

    /** The summary table, one row per run, zdcd's first and the naive one under it. */
    public String table() {
        String format = "%-42s %-5s %-34s %8s %14s %11s %9s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "scene", "run", "outcome", "downtime", "failed queries",
                "worst stall", "rows lost", "as expected"));
        sb.append("-".repeat(146)).append('\n');
        for (SceneResult s : scenes) {
            row(sb, format, s.number() + ". " + s.title(), "zdcd", s.zdcd(), s.asExpected() ? "yes" : "NO: " + s.expected());
            s.naive().ifPresent(n -> row(sb, format, "", "naive", n, ""));
        }
        sb.append(String.format(Locale.ROOT, "%s; %,d rows; %s; wall time %s%n",
                allAsExpected() ? "every scene as expected" : "NOT every scene as expected", rows, server,
                Durations.seconds(wallTime)));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String format, String scene, String how, SceneRun r, String verdict) {
        sb.append(String.format(Locale.ROOT, format, scene, how, r.outcome(), Durations.seconds(r.downtime()),
                r.failedQueries() + " of " + r.queries(), Durations.seconds(r.worstStall()), r.rowsLost(), verdict));
    }

    /** The summary as JSON: per scene, each run's outcome, downtime, failed queries, worst stall and rows lost. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("allAsExpected", allAsExpected());
        root.put("rows", rows);
        root.put("wallTimeMs", wallTime.toMillis());
        root.put("server", server);
        List<Object> list = new ArrayList<>();
        for (SceneResult s : scenes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scene", s.number());
            m.put("title", s.title());
            m.put("expected", s.expected());
            m.put("asExpected", s.asExpected());
            m.put("zdcd", run(s.zdcd()));
            m.put("naive", s.naive().map(DemoSummary::run).orElse(null));
            list.add(m);
        }
        root.put("scenes", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> run(SceneRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome());
        m.put("downtimeMs", r.downtime().toMillis());
        m.put("queries", r.queries());
        m.put("failedQueries", r.failedQueries());
        m.put("worstStallMs", r.worstStall().toMillis());
        m.put("rowsLost", r.rowsLost());
        m.put("note", r.note());
        return m;
    }

    /** Writes {@link #toJson()} to a file. */
    public void writeJson(Path file) {
        try {
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DemoSummary[" + scenes.size() + " scenes, " + (allAsExpected() ? "all as expected" : "NOT all as expected")
                + ", wall time " + Durations.seconds(wallTime) + "]";
    }
}
