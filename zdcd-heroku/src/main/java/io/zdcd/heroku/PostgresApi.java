package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.heroku.internal.Waiter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Heroku Postgres data API ({@code https://api.data.heroku.com}, the one the Heroku CLI uses): database status,
 * backups, restores and their transfers: {@link HerokuClient#postgres()}. For backups as a pipeline port see
 * {@link HerokuPostgresBackups}.
 *
 * @since 0.1
 */
public final class PostgresApi {
    private final ApiTransport api;
    private final Waiter waiter;

    PostgresApi(ApiTransport api, Waiter waiter) {
        this.api = api;
        this.waiter = waiter;
    }

    /**
     * Whether the data API knows the database and it is available
     * ({@code GET /client/v11/databases/{id}/wait_status}).
     *
     * @param addonId the database add-on
     * @return whether it is available; empty when the data API answers 404 (not provisioned yet)
     */
    public Optional<Boolean> databaseAvailable(String addonId) {
        try {
            Dto.PgInfo info = api.idempotent(ApiRequest.get(Api.DATA, path("client", "v11", "databases", addonId,
                    "wait_status")), Dto.PgInfo.class);
            return Optional.of(info != null && !Boolean.TRUE.equals(info.waiting()) && !Boolean.TRUE.equals(info.error()));
        } catch (HerokuApiException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Starts a backup ({@code POST /client/v11/databases/{addonId}/backups} on the data API). Not idempotent: the
     * app's transfers are listed first, and after a failure without answer a new backup counts as done.
     *
     * @param app     the app that owns the database add-on (its transfers are listed under it)
     * @param addonId the database add-on
     * @return the backup's transfer
     */
    public PgTransfer captureBackup(String app, String addonId) {
        return api.nonIdempotent(ApiRequest.of("POST", Api.DATA, path("client", "v11", "databases", addonId,
                        "backups"), null), Dto.Transfer.class,
                api.probes().newTransfer(app, PgTransfer.Kind.BACKUP)).toTransfer();
    }

    /**
     * Restores a backup into the database ({@code POST /client/v11/databases/{addonId}/restores}): destructive, it
     * replaces the database's contents. Not idempotent: after a failure without answer a new restore counts as done.
     *
     * @param app     the app that owns the database add-on
     * @param addonId the database add-on
     * @param backup  a completed backup with a URL
     * @return the restore's transfer
     */
    public PgTransfer restore(String app, String addonId, PgTransfer backup) {
        if (backup.kind() != PgTransfer.Kind.BACKUP || backup.state() != PgTransfer.State.COMPLETED
                || backup.toUrl().isEmpty()) {
            throw new IllegalArgumentException("only a completed backup with a URL can be restored: " + backup);
        }
        return api.nonIdempotent(ApiRequest.of("POST", Api.DATA, path("client", "v11", "databases", addonId,
                        "restores"), Map.of("backup_url", backup.toUrl())), Dto.Transfer.class,
                api.probes().newTransfer(app, PgTransfer.Kind.RESTORE)).toTransfer();
    }

    /**
     * {@code GET /client/v11/apps/{app}/transfers}: backups, restores and copies.
     *
     * @param app the app
     * @return its transfers
     */
    public List<PgTransfer> transfers(String app) {
        return api.probes().transfers(app).stream().map(Dto.Transfer::toTransfer).toList();
    }

    /**
     * {@code GET /client/v11/apps/{app}/transfers/{uuid}}.
     *
     * @param app       the app
     * @param uuidOrNum the transfer's uuid or number
     * @param verbose   whether to include its logs
     * @return the transfer
     */
    public PgTransfer transfer(String app, String uuidOrNum, boolean verbose) {
        return api.idempotent(ApiRequest.get(Api.DATA, path("client", "v11", "apps", app, "transfers", uuidOrNum)
                + (verbose ? "?verbose=true" : "")), Dto.Transfer.class).toTransfer();
    }

    /**
     * Polls a backup or restore until it finished, reporting progress; a failed one is read once more verbosely so
     * its logs are in the result.
     *
     * @param app      the app
     * @param transfer the transfer
     * @param policy   poll interval and deadline
     * @return the finished transfer
     */
    public PgTransfer waitForTransfer(String app, PgTransfer transfer, WaitPolicy policy) {
        return waitForTransfer(app, transfer, policy, t -> { });
    }

    /**
     * As {@link #waitForTransfer(String, PgTransfer, WaitPolicy)}, also handing every polled state to {@code seen}.
     *
     * @param app      the app
     * @param transfer the transfer
     * @param policy   poll interval and deadline
     * @param seen     gets every polled state
     * @return the finished transfer
     */
    public PgTransfer waitForTransfer(String app, PgTransfer transfer, WaitPolicy policy, Consumer<PgTransfer> seen) {
        PgTransfer done = waiter.until(transfer.name() + " of " + app, "GET",
                path("client", "v11", "apps", app, "transfers", transfer.uuid()), policy,
                () -> transfer(app, transfer.uuid(), false), PgTransfer::isFinished, t -> {
                    api.emit(new HerokuEvent.TransferProgressed(api.settings().clock().instant(), app, t.name(),
                            t.state(), t.processedBytes(), t.sourceBytes()));
                    seen.accept(t);
                });
        return done.state() == PgTransfer.State.FAILED ? transfer(app, transfer.uuid(), true) : done;
    }

    @Override
    public String toString() {
        return "PostgresApi";
    }
}
