package io.zdcd.analyzer.internal.effects;

import io.zdcd.analyzer.internal.Context;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Reset;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.analyzer.internal.model.Transaction;
import java.util.Locale;
import java.util.Set;

/** Transaction control, SET and RESET: what the context knows of the transaction and the session's settings. */
final class SessionEffects {
    private SessionEffects() {
    }

    private static final Set<String> UTC_NAMES = Set.of("utc", "etc/utc", "gmt", "z", "zulu", "+00", "0",
            "00:00", "etc/gmt", "universal", "etc/universal");

    /** Whether a TimeZone value names UTC. */
    private static boolean isUtc(String value) {
        return UTC_NAMES.contains(value.replace("'", "").toLowerCase(Locale.ROOT));
    }

    static boolean apply(Op op, Judgement j) {
        Context ctx = j.ctx;
        if (op instanceof Transaction o) {
            switch (o.action()) {
                case BEGIN -> {
                    if (!o.alreadyOpen()) {
                        ctx.begin();
                    }
                }
                case COMMIT -> {
                    ctx.commit();
                    if (o.chain()) {
                        ctx.begin();
                    }
                }
                case ROLLBACK -> ctx.rollback();
                case PREPARE_TRANSACTION -> ctx.commit();
                default -> {
                }
            }
        } else if (op instanceof Setting o) {
            setting(o, ctx);
        } else if (op instanceof Reset o) {
            boolean all = o.name().equals("ALL");
            if (all || o.name().equals("LOCK_TIMEOUT")) {
                ctx.lockTimeoutSession = false;
                ctx.lockTimeoutLocal = null;
            }
            if (all || o.name().equals("SEARCH_PATH")) {
                ctx.searchPathElsewhere = false;
            }
            if (all || o.name().equals("TIMEZONE")) {
                ctx.setTimeZone(false, false); // back to the server's default, which zdcd does not know
            }
        } else {
            return false;
        }
        return true;
    }

    private static void setting(Setting o, Context ctx) {
        switch (o.name()) {
            case "lock_timeout" -> {
                if (o.local()) {
                    ctx.lockTimeoutLocal = o.lockTimeoutOn();
                } else {
                    ctx.lockTimeoutSession = o.lockTimeoutOn();
                    if (ctx.inTransaction) {
                        ctx.txChangedLockTimeout = true;
                    }
                }
            }
            case "timezone" -> ctx.setTimeZone(isUtc(o.value()), o.local());
            case "search_path" -> {
                String first = o.value().replace("\"", "").split(",")[0].trim();
                ctx.searchPathElsewhere = !(first.equals("public") || first.equals("$user") || first.equals("default")
                        || first.isEmpty());
            }
            default -> {
            }
        }
    }
}
