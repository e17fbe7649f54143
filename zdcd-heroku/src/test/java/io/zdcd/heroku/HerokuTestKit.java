package io.zdcd.heroku;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;

/** A MockWebServer running {@link FakeHeroku}, a {@link TestClock}, and clients with tiny retry delays. */
final class HerokuTestKit implements AutoCloseable {
    /** Retries with 1-5 ms backoff: the rules are real, the waits are not. */
    static final RetryPolicy FAST_RETRY = new RetryPolicy(5, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), 0);

    final MockWebServer server = new MockWebServer();
    final TestClock clock = new TestClock();
    final FakeHeroku heroku;
    final List<HerokuEvent> events = new CopyOnWriteArrayList<>();

    HerokuTestKit() {
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        heroku = new FakeHeroku(server.url("/").toString(), clock);
        server.setDispatcher(heroku);
    }

    String url() {
        return server.url("/").toString();
    }

    HerokuClient.Builder clientBuilder() {
        return HerokuClient.builder()
                .apiKey(FakeHeroku.TOKEN)
                .apiUrl(url())
                .dataApiUrl(url())
                .retryPolicy(FAST_RETRY)
                .timeouts(Timeouts.of(Duration.ofSeconds(5)))
                .clock(clock)
                .sleeper(clock.sleeper())
                .listener(events::add);
    }

    HerokuClient client() {
        return clientBuilder().build();
    }

    /** A platform on the fake whose waits poll every 5 s (of the test clock) for at most 10 min. */
    HerokuPlatform platform() {
        WaitPolicy w = WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10));
        return HerokuPlatform.builder().client(client()).buildWait(w).releaseWait(w).dynoWait(w)
                .transferWait(w).build();
    }

    /** Every API call carried the headers Heroku requires and zdcd promises. */
    void assertApiHeaders() {
        for (FakeHeroku.Call call : heroku.calls()) {
            if (call.path().startsWith("/streams/") || call.path().startsWith("/uploads/")
                    || call.path().startsWith("/logplex/") || call.path().startsWith("/app/")) {
                org.assertj.core.api.BDDAssertions.then(call.headers().get("Authorization")).as(call.line()).isNull();
                continue;
            }
            org.assertj.core.api.BDDAssertions.then(call.headers().get("Accept")).as(call.line())
                    .isEqualTo("application/vnd.heroku+json; version=3");
            org.assertj.core.api.BDDAssertions.then(call.headers().get("Authorization")).as(call.line())
                    .isEqualTo("Bearer " + FakeHeroku.TOKEN);
            org.assertj.core.api.BDDAssertions.then(call.headers().get("User-Agent")).as(call.line()).startsWith("zdcd/");
        }
    }

    /** The status of a plain GET (no Heroku credentials), as a browser or a health check sees the app. */
    int get(String url) {
        try (okhttp3.Response r = new okhttp3.OkHttpClient().newCall(new okhttp3.Request.Builder().url(url).build())
                .execute()) {
            return r.code();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends HerokuEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
