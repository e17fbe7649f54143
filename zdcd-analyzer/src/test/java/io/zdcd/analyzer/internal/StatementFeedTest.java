package io.zdcd.analyzer.internal;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.SqlStatement;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Migration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A large migration split and lexed on a thread of its own gives exactly what splitting it first gives: the same
 * statements, the same tokens, the same analyses.
 */
class StatementFeedTest {

    /**
     * The rule-corpus and Django files, one after the other, three times over: over 100 KB of varied SQL. Left out:
     * the files the analyzer reads as a whole list anyway (zdcd:ignore comments, Django markers) and those whose text
     * never ends (an unterminated quote or comment swallows whatever follows it).
     */
    private static String corpusText() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String dir : List.of("/corpus", "/django", "/django-corpus")) {
            Path root;
            try {
                root = Path.of(StatementFeedTest.class.getResource(dir).toURI());
            } catch (java.net.URISyntaxException | NullPointerException e) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    String text = Files.readString(p);
                    if (!text.contains("zdcd:ignore") && !text.contains("CANNOT BE WRITTEN AS SQL")
                            && io.zdcd.analyzer.SqlScript.split(text).stream().noneMatch(st -> st.problem().isPresent())) {
                        sb.append(text).append("\n;\n");
                    }
                }
            }
        }
        return sb.toString().repeat(3);
    }

    private static List<StatementFeed.Item> drain(StatementFeed feed) {
        List<StatementFeed.Item> items = new ArrayList<>();
        for (StatementFeed.Item it = feed.next(); it != null; it = feed.next()) {
            items.add(it);
        }
        then(feed.count()).isEqualTo(items.size());
        then(feed.next()).isNull();
        return items;
    }

    private static String tokens(Tokens t) {
        if (t == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            sb.append(t.type(i)).append(':').append(t.start(i)).append('-').append(t.end(i)).append(' ');
        }
        return sb.toString().repeat(3);
    }

    @Test
    void theBackgroundFeedGivesTheSameStatementsAndTokensAsSplittingFirst() throws IOException {
        String sql = corpusText();
        then(sql.length()).isGreaterThan(100_000);
        List<SqlStatement> split = io.zdcd.analyzer.SqlScript.split(sql);

        List<StatementFeed.Item> listed;
        List<StatementFeed.Item> streamed;
        try (StatementFeed feed = StatementFeed.of(split)) {
            listed = drain(feed);
        }
        try (StatementFeed feed = StatementFeed.background(sql)) {
            streamed = drain(feed);
        }

        then(split.size()).isGreaterThan(1_000);
        then(streamed).hasSameSizeAs(split);
        for (int i = 0; i < split.size(); i++) {
            then(streamed.get(i).statement()).isEqualTo(split.get(i));
            then(listed.get(i).statement()).isEqualTo(split.get(i));
            then(tokens(streamed.get(i).tokens())).as("tokens of statement %d", i + 1)
                    .isEqualTo(tokens(listed.get(i).tokens()));
        }
    }

    @Test
    void aLargeMigrationIsJudgedAsWhenItWasSplitFirst() throws IOException {
        String sql = corpusText();
        then(sql).hasSizeGreaterThan(100_000).doesNotContain("zdcd:ignore"); // so: split on a thread of its own
        SqlMigrationClassifier classifier = SqlMigrationClassifier.defaults();
        Classification streamed = classifier.classify(new Migration("big.sql", sql));
        // a zdcd:ignore comment makes the analyzer split the whole text first (ignores are read from the whole list);
        // at the end, after every statement, it changes no statement's analysis
        Classification splitFirst = classifier.classify(new Migration("big.sql", sql + "\n-- zdcd:ignore\n"));

        then(streamed.statements()).hasSizeGreaterThan(1_000);
        then(splitFirst.statements()).hasSameSizeAs(streamed.statements());
        for (int i = 0; i < streamed.statements().size(); i++) {
            then(streamed.statements().get(i)).as("statement %d", i + 1)
                    .usingRecursiveComparison().isEqualTo(splitFirst.statements().get(i));
        }
    }

    @Test
    void closingTheFeedEarlyStopsItsThread() throws InterruptedException {
        String sql = "SELECT 1;\n".repeat(200_000);
        Thread splitter;
        try (StatementFeed feed = StatementFeed.background(sql)) {
            then(feed.next().statement().text()).isEqualTo("SELECT 1");
            splitter = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("zdcd-splitter")).findFirst().orElse(null);
        }
        // 200,000 statements do not fit the feed's queue: the thread is still there, waiting to hand over more
        then(splitter).isNotNull();
        splitter.join(10_000);
        then(splitter.isAlive()).isFalse();
    }
}
