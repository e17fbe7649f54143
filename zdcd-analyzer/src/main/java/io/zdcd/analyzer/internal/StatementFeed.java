package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A migration's statements, in order, each with its tokens when they were lexed ahead of time (else null: the rules
 * lex it in order). Two ways to feed them:
 * <ul>
 *   <li>{@link #of(List)}: statements already split; a large migration is lexed ahead a chunk at a time on all
 *       cores.</li>
 *   <li>{@link #background(String)}: a large migration is split and lexed on a thread of its own while the caller
 *       judges the statements already read (splitting is about a fifth of a 20,000-statement check; on two cores it
 *       overlaps the judging instead of preceding it). Statements go over in batches through a bounded queue.</li>
 * </ul>
 * Both give the same statements (zdcd-core's splitter, {@link io.zdcd.sql.SqlScript#split(String)}) and the same tokens
 * ({@link Tokens#lex(String)}).
 */
abstract class StatementFeed implements AutoCloseable {
    /** Migrations with at least this many statements are lexed ahead, in parallel, a chunk at a time. */
    private static final int LEX_AHEAD_MIN = 512;
    private static final int LEX_AHEAD_CHUNK = 2048;

    /** A statement and its tokens (null when not lexed ahead). */
    record Item(SqlStatement statement, Tokens tokens) {
    }

    /** The next statement, or null after the last. */
    abstract Item next();

    /** The number of statements handed out so far. */
    abstract int count();

    @Override
    public void close() {
    }

    static StatementFeed of(List<SqlStatement> statements) {
        return new Listed(statements);
    }

    static StatementFeed background(String sql) {
        return new Background(sql);
    }

    /** Its tokens, or null when the lexer fails on it (the rules then lex it again, in order, and judge the failure). */
    static Tokens lexOrNull(SqlStatement st) {
        if (st.psqlMetaCommand() || st.problem().isPresent()) {
            return null;
        }
        try {
            return Tokens.lex(st.text());
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static final class Listed extends StatementFeed {
        private final List<SqlStatement> statements;
        private final Tokens[] lexed;
        private int k;

        Listed(List<SqlStatement> statements) {
            this.statements = statements;
            this.lexed = statements.size() >= LEX_AHEAD_MIN
                    ? new Tokens[Math.min(statements.size(), LEX_AHEAD_CHUNK)] : null;
        }

        @Override
        Item next() {
            if (k >= statements.size()) {
                return null;
            }
            if (lexed != null && k % LEX_AHEAD_CHUNK == 0) {
                lexAhead(k);
            }
            Item item = new Item(statements.get(k), lexed == null ? null : lexed[k % LEX_AHEAD_CHUNK]);
            k++;
            return item;
        }

        @Override
        int count() {
            return k;
        }

        /** Lexes statements [from, from + chunk) on all cores (lexing needs no context; the rules then run in order). */
        private void lexAhead(int from) {
            int to = Math.min(statements.size(), from + lexed.length);
            java.util.Arrays.fill(lexed, null);
            java.util.stream.IntStream.range(from, to).parallel()
                    .forEach(i -> lexed[i - from] = lexOrNull(statements.get(i)));
        }
    }

    private static final class Background extends StatementFeed {
        private static final int BATCH = 256;
        private static final List<Item> END = List.of();
        private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(64);
        private final Thread thread;
        private volatile Throwable failure;
        private List<Item> batch = List.of();
        private int inBatch;
        private int count;
        private boolean done;
        /** The batch being filled: the splitter thread's only. */
        private List<Item> pending = new ArrayList<>(BATCH);

        Background(String sql) {
            thread = new Thread(() -> produce(sql), "zdcd-splitter");
            thread.setDaemon(true);
            thread.start();
        }

        private void produce(String sql) {
            try {
                io.zdcd.sql.SqlScript.split(sql, this::add);
                if (!pending.isEmpty()) {
                    put(pending);
                }
            } catch (Interrupted e) {
                return; // the consumer closed the feed
            } catch (Throwable e) {
                failure = e;
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void add(io.zdcd.sql.SqlStatement st) {
            SqlStatement s = Splitter.of(st);
            pending.add(new Item(s, lexOrNull(s)));
            if (pending.size() == BATCH) {
                put(pending);
                pending = new ArrayList<>(BATCH);
            }
        }

        private void put(List<Item> items) {
            try {
                queue.put(items);
            } catch (InterruptedException e) {
                throw new Interrupted();
            }
        }

        @Override
        Item next() {
            while (inBatch == batch.size()) {
                if (done) {
                    return null;
                }
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the migration's statements", e);
                }
                inBatch = 0;
                if (batch == END) {
                    done = true;
                    if (failure != null) {
                        throw new IllegalStateException("cannot split the migration: " + failure, failure);
                    }
                }
            }
            count++;
            return batch.get(inBatch++);
        }

        @Override
        int count() {
            return count;
        }

        @Override
        public void close() {
            if (!done) {
                thread.interrupt();
            }
        }

        /** The splitter thread was told to stop. */
        private static final class Interrupted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Interrupted() {
                super(null, null, false, false);
            }
        }
    }
}
