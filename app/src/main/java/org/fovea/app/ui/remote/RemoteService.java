package org.fovea.app.ui.remote;

import org.fovea.app.remote.RemoteSettings;
import org.fovea.app.remote.RemoteSubmission;
import org.fovea.app.ui.common.FxFutures;
import org.fovea.app.ui.common.Threads;
import org.fovea.center.ReturnedReport;
import org.fovea.center.client.CenterClient;
import org.fovea.center.client.Outbox;
import org.fovea.center.client.RemoteWatch;
import org.fovea.center.client.ReportFiler;
import org.fovea.center.client.ReturnedReports;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.reporting.ReportingDatabase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The workstation's remote diagnosis work, off the FX thread: the outbox in the department
 * database, the link to the center ({@link RemoteWatch}, started once the doctor gave their
 * password at the center), submissions, and the reports that came back. Every answer completes on
 * the FX thread.
 */
public final class RemoteService implements AutoCloseable {

    private final Path home;
    private final LocalArchive archive;
    private final Consumer<String> said;
    private final Runnable filed;
    private final Consumer<RemoteWatch.Critical> critical;
    private final ExecutorService worker = Threads.pool("fovea-remote", 1);
    // used only on the worker
    private ReportingDatabase database;
    private Outbox outbox;
    private RemoteWatch watch;
    private CenterClient client;

    /**
     * @param said  told each thing the link to the center says (on its own threads)
     * @param filed run (on the link's thread) when a report was filed into a local study
     */
    /** @param critical told (on the link's threads) of each critical value to acknowledge */
    public RemoteService(Path home, LocalArchive archive, Consumer<String> said, Runnable filed,
                         Consumer<RemoteWatch.Critical> critical) {
        this.home = home;
        this.archive = archive;
        this.said = said;
        this.filed = filed;
        this.critical = critical;
    }

    /** The settings in {@code settings/remote.json} (all null when there are none). */
    public CompletableFuture<RemoteSettings> settings() {
        return FxFutures.onFx(() -> RemoteSettings.load(home), worker);
    }

    /**
     * Logs in at the center with the doctor's password (refused: the center's reason) and keeps
     * the link open from then on: the outbox sent, progress and reports pushed.
     */
    public CompletableFuture<String> connect(char[] password) {
        return FxFutures.onFx(() -> {
            RemoteSettings s = RemoteSettings.load(home);
            CenterClient client = s.client(home, password);
            try {
                client.logIn(s.login(), password);
            } catch (org.fovea.center.client.CenterException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            if (watch != null) {
                watch.close();
            }
            Outbox box = outbox().receivingReports(s.reportCas(home), ReportFiler.into(archive, home));
            outbox = box;
            this.client = client;
            watch = new RemoteWatch(box, client, line -> {
                said.accept(line);
                if (line.contains("filed into the local study")) {
                    filed.run();
                }
            }).onCritical(critical).start();
            return s.login() + " @ " + s.center();
        }, worker);
    }

    /** The account's role at the center once connected (DOCTOR, EXPERT, COORDINATOR, …). */
    public CompletableFuture<String> role() {
        return FxFutures.onFx(() -> client == null ? "" : client.role(), worker);
    }

    /** An action on a request at the center (an expert's or a coordinator's). */
    public interface AtCenter<T> {
        T apply(CenterClient client) throws org.fovea.center.client.CenterException;
    }

    /** Runs an action at the center on the service's thread; its refusal is the center's sentence. */
    public <T> CompletableFuture<T> atCenter(AtCenter<T> action) {
        return FxFutures.onFx(() -> {
            if (client == null) {
                throw new IllegalStateException("Connect to the center first");
            }
            try {
                return action.apply(client);
            } catch (org.fovea.center.client.CenterException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, worker);
    }

    /**
     * Retrieves a request's study from the center's image store ({@code centerDicom} in
     * remote.json) into the local archive, by C-GET, for the expert to read.
     */
    public CompletableFuture<org.fovea.dicom.net.RetrieveReport> retrieve(String studyUid) {
        return FxFutures.onFx(() -> {
            RemoteSettings s = RemoteSettings.load(home);
            if (s.centerDicom() == null) {
                throw new IllegalStateException("The center's image store is not configured (\"centerDicom\": "
                        + "\"AET@HOST:PORT\" in " + RemoteSettings.file(home) + ")");
            }
            var node = org.fovea.dicom.net.DicomNode.parse(s.centerDicom())
                    .withRetrieveMethod(org.fovea.dicom.net.RetrieveMethod.C_GET);
            try {
                var settings = org.fovea.dicom.net.NetworkSettingsStore.load(home);
                var r = new org.fovea.dicom.net.DicomClient(settings).retrieve(node,
                        new org.fovea.dicom.net.RetrieveRequest(studyUid, List.of()), archive, org.fovea.dicom.net.TransferListener.none(),
                        org.fovea.dicom.CancelToken.none());
                if (!r.complete()) {
                    throw new IllegalStateException(node.address() + " gave " + r.received() + " of " + r.expected()
                            + " images of study " + studyUid);
                }
                return r;
            } catch (org.fovea.dicom.net.NetworkSettingsException | org.fovea.dicom.net.DicomNetworkFailure e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, worker);
    }

    /** The doctor acknowledges a critical value with the read-back; the expert at the center is told. */
    public CompletableFuture<org.fovea.center.RemoteCritical> acknowledge(RemoteWatch.Critical c, String readBack) {
        return FxFutures.onFx(() -> {
            try {
                return client.acknowledgeCritical(c.requestId(), c.value().alertId(), readBack);
            } catch (org.fovea.center.client.CenterException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, worker);
    }

    /** Whether the link to the center is open (the doctor connected). */
    public CompletableFuture<Boolean> connected() {
        return FxFutures.onFx(() -> watch != null, worker);
    }

    /**
     * Queues a study of the local archive as a request, sent at once when connected; the
     * attachments (PDF, JPEG, PNG) are filed into the study first and go with it.
     */
    public CompletableFuture<String> submit(String studyUid, String history, String question, boolean urgent,
                                            List<Path> attachments, String by) {
        return FxFutures.onFx(() -> {
            RemoteSubmission.attach(archive, studyUid, attachments, home.resolve("work"));
            if (!attachments.isEmpty()) {
                filed.run();
            }
            RemoteSubmission s = RemoteSubmission.of(archive, studyUid, history, question, urgent);
            try {
                outbox().submit(s.request(), by, s.images());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (watch != null) {
                watch.nudge();
            }
            return s.request().clientRequestId();
        }, worker);
    }

    /**
     * Adds to a request the images of its study that the local archive holds and the request does
     * not (the extra images the center asked for), sent at once when connected; returns how many.
     */
    public CompletableFuture<Integer> addNewImages(String clientRequestId, String studyUid) {
        return FxFutures.onFx(() -> {
            try {
                int added = outbox().addImages(clientRequestId, RemoteSubmission.of(archive, studyUid, "", "", false)
                        .images());
                if (watch != null && added > 0) {
                    watch.nudge();
                }
                return added;
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, worker);
    }

    /** Each request of the outbox as the doctor sees it, newest first. */
    public CompletableFuture<List<Outbox.Status>> status() {
        return FxFutures.onFx(() -> outbox().status(), worker);
    }

    /** The report that came back for a request, with whether it checked. */
    public record Returned(ReturnedReport report, ReturnedReports.Received received) {
    }

    public CompletableFuture<Optional<Returned>> report(String clientRequestId) {
        return FxFutures.onFx(() -> {
            ReturnedReports reports = outbox().reports();
            return reports.of(clientRequestId).stream().findFirst()
                    .flatMap(r -> reports.latest(clientRequestId).map(rr -> new Returned(rr, r)));
        }, worker);
    }

    /** The report as PDF on the hospital's paper headed with the center's name. */
    public CompletableFuture<Path> writePdf(ReturnedReport report, Path file) {
        return FxFutures.onFx(() -> {
            try {
                java.nio.file.Files.write(file, org.fovea.reporting.export.ReportPdf.bytes(report.report(),
                        ReportFiler.paper(report, home)));
                return file;
            } catch (IOException e) {
                throw new IllegalStateException("The PDF cannot be written to " + file + ": " + e.getMessage(), e);
            }
        }, worker);
    }

    private Outbox outbox() {
        if (outbox == null) {
            database = ReportingDatabase.forHome(home);
            outbox = Outbox.open(database.dataSource());
        }
        return outbox;
    }

    @Override
    public void close() {
        worker.execute(() -> {
            if (watch != null) {
                watch.close();
            }
            if (database != null) {
                database.close();
            }
        });
        worker.shutdown();
    }
}
