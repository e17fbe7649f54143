package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.Build;
import io.zdcd.spi.Progress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HerokuPlatform.Builder} takes a configured {@link HerokuClient}: the platform's clock and the API budget
 * it checks before a release are the client's; the client settings it used to mirror still work without a client
 * (deprecated) and are refused next to one, where they would be ignored.
 */
class HerokuPlatformBuilderTest {
    private final HerokuTestKit kit = new HerokuTestKit();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void the_budget_checked_before_a_release_is_the_clients_rate_limit_policy() {
        kit.heroku.addApp("acme", 3);
        kit.heroku.rateLimitRemaining = 300;
        HerokuPlatform greedy = HerokuPlatform.builder().client(kit.clientBuilder()
                .rateLimitPolicy(new RateLimitPolicy(0, Duration.ZERO, 1000)).build()).build();
        HerokuPlatform modest = HerokuPlatform.builder().client(kit.clientBuilder()
                .rateLimitPolicy(new RateLimitPolicy(0, Duration.ZERO, 100)).build()).waitForDynos(false).build();

        HerokuApiException refused = catchThrowableOfType(HerokuApiException.class,
                () -> greedy.release("acme", Build.of("aaaa111").withSourceUrl("https://b.example.com/a.tgz"),
                        Progress.none()));
        int buildsBefore = kit.heroku.app("acme").builds.size();
        modest.release("acme", Build.of("bbbb222").withSourceUrl("https://b.example.com/b.tgz"), Progress.none());

        then(refused.errorId()).isEqualTo(HerokuApiException.RATE_LIMIT_BUDGET);
        then(refused.herokuMessage()).contains("1000 needed to start");
        then(buildsBefore).as("nothing was built for the refused release").isZero();
        then(kit.heroku.app("acme").builds).hasSize(1);
    }

    @Test
    @SuppressWarnings("removal")
    void a_client_setting_next_to_a_client_is_refused_and_without_one_it_still_configures_the_client() {
        kit.heroku.addApp("acme", 3);
        HerokuPlatform.Builder both = HerokuPlatform.builder().client(kit.client()).retryPolicy(RetryPolicy.none());
        HerokuPlatform old = HerokuPlatform.builder().apiKey(FakeHeroku.TOKEN).apiUrl(kit.url())
                .dataApiUrl(kit.url()).retryPolicy(RetryPolicy.none()).build();

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, both::build);

        then(e).hasMessage("HerokuPlatform.Builder.retryPolicy(...) would be ignored: a client(...) is given; set it "
                + "on HerokuClient.builder() instead");
        then(old.inMaintenance("acme")).isFalse();
        then(old.client().toString()).contains(kit.url().replaceAll("/$", ""), "RetryPolicy");
    }
}
