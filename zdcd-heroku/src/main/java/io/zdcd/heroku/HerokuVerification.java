package io.zdcd.heroku;

import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.Health;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link HerokuPlatform}'s answers to the verify step inside a maintenance window, asked of the platform rather than
 * of HTTP: are the dynos up on the release ({@link HerokuPlatform#processesUp}), does a smoke command exit 0 in a
 * one-off dyno ({@link HerokuPlatform#runCommand}).
 */
final class HerokuVerification {
    private final HerokuClient client;
    private final Clock clock;
    private final Duration commandPoll;

    HerokuVerification(HerokuClient client, Clock clock, Duration commandPoll) {
        this.client = client;
        this.clock = clock;
        this.commandPoll = commandPoll;
    }

    Health processesUp(String app, Release release) {
        List<HerokuDyno> all;
        try {
            all = client.dynos().list(app);
        } catch (PlatformException e) {
            return Health.unhealthy("cannot list the dynos of " + app + ": " + e.getMessage());
        }
        List<HerokuDyno> formation = all.stream().filter(d -> !"run".equals(d.type()) && !"release".equals(d.type()))
                .toList();
        List<HerokuDyno> web = formation.stream().filter(d -> "web".equals(d.type())).toList();
        List<HerokuDyno> judged = web.isEmpty() ? formation : web;
        String kind = web.isEmpty() ? "" : "web ";
        if (judged.isEmpty()) {
            return Health.unhealthy("no dyno of " + app + " is running (heroku ps:scale web=1)");
        }
        List<String> bad = new ArrayList<>();
        for (HerokuDyno d : judged) {
            if (d.releaseVersion() != release.version()) {
                bad.add(d.name() + " " + d.state() + " on v" + d.releaseVersion() + ", not v" + release.version());
            } else if (!d.isUp()) {
                bad.add(d.name() + " " + d.state());
            }
        }
        if (!bad.isEmpty()) {
            return Health.unhealthy(bad.size() + " of " + judged.size() + " " + kind + "dynos not up on v"
                    + release.version() + ": " + String.join(", ", bad));
        }
        return Health.healthy(judged.size() + " " + kind + (judged.size() == 1 ? "dyno" : "dynos") + " up on v"
                + release.version());
    }

    Health runCommand(String app, Release release, String command, Duration timeout, Progress progress) {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("command is blank");
        }
        String shown = "`" + PostgresDatabase.redact(command) + "`";
        Instant deadline = clock.instant().plus(timeout);
        HerokuDyno dyno;
        try {
            dyno = client.dynos().runDetached(app, command, null);
        } catch (PlatformException e) {
            return Health.unhealthy("cannot start " + shown + " in a one-off dyno: " + e.getMessage());
        }
        // no operationStarted: a smoke dyno changes nothing that recovery would have to wait for
        progress.report("one-off dyno " + dyno.name() + " running " + shown + " on v" + dyno.releaseVersion());
        if (dyno.releaseVersion() != 0 && dyno.releaseVersion() != release.version()) {
            return Health.unhealthy(shown + " ran in " + dyno.name() + " on v" + dyno.releaseVersion() + ", not on v"
                    + release.version() + " (another release became current)");
        }
        Duration left = Duration.between(clock.instant(), deadline);
        left = left.isNegative() ? Duration.ZERO : left;
        HerokuRunResult result = client.dynos().waitForExit(app, dyno.name(),
                WaitPolicy.of(left.compareTo(commandPoll) < 0 ? left : commandPoll, left));
        String tail = result.output().isEmpty() ? "" : "; output ends: " + result.tail(5);
        if (!result.exited()) {
            try {
                client.dynos().stop(app, dyno.name());
            } catch (PlatformException e) {
                // it ends by itself at its time to live; the verdict stands
            }
            return Health.unhealthy(shown + " in " + dyno.name() + " did not exit within "
                    + Durations.format(timeout) + " (stopped)" + tail);
        }
        int status = result.exitStatus().getAsInt();
        progress.report("one-off dyno " + dyno.name() + " exited with status " + status);
        return status == 0
                ? Health.healthy(shown + " exited with status 0 in " + dyno.name() + " on v" + release.version())
                : Health.unhealthy(shown + " exited with status " + status + " in " + dyno.name() + " on v"
                        + release.version() + tail);
    }
}
