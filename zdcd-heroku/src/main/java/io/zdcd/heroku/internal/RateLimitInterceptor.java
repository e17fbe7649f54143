package io.zdcd.heroku.internal;

import io.zdcd.heroku.HerokuEvent;
import io.zdcd.heroku.RateLimitPolicy;
import io.zdcd.heroku.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Reads {@code RateLimit-Remaining} from every API response and, once it is below the policy's threshold, waits
 * before each further API call, so the account's budget is not spent before the deploy ends (a 429 without the
 * header counts as 0 remaining).
 */
final class RateLimitInterceptor implements Interceptor {
    private static final int UNKNOWN = -1;
    private final RateLimitPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final SafeListener events;
    private final AtomicInteger remaining = new AtomicInteger(UNKNOWN);

    RateLimitInterceptor(RateLimitPolicy policy, Sleeper sleeper, Clock clock, SafeListener events) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.events = events;
    }

    OptionalInt lastRemaining() {
        int r = remaining.get();
        return r == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(r);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        boolean api = chain.request().tag(ApiTransport.ApiTag.class) != null;
        if (api) {
            int r = remaining.get();
            if (r != UNKNOWN && r < policy.slowDownBelow() && !policy.delayPerCall().isZero()) {
                events.onEvent(new HerokuEvent.RateLimitSlowdown(clock.instant(), r, policy.delayPerCall()));
                sleeper.sleep(policy.delayPerCall());
            }
        }
        Response response = chain.proceed(chain.request());
        if (api) {
            String header = response.header("RateLimit-Remaining");
            if (header != null) {
                try {
                    remaining.set(Math.max(0, Integer.parseInt(header.trim())));
                } catch (NumberFormatException ignored) {
                    // not a number: keep the last value
                }
            } else if (response.code() == 429) {
                remaining.set(0);
            }
        }
        return response;
    }
}
