package org.fovea.app.ui.network;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNetworkFailure;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.NetworkSettingsStore;
import org.fovea.dicom.net.RetrieveReport;
import org.fovea.dicom.net.RetrieveRequest;
import org.fovea.dicom.net.StoreScp;
import org.fovea.dicom.net.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The workstation's side of the DICOM network: the saved settings, the store SCP that runs while
 * the settings say "listen", and the background threads every network call runs on (the FX
 * thread never waits for a peer). Results arrive on the FX thread.
 */
public final class NetworkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkService.class);

    /** What the store SCP is doing, for the status line and the settings page. */
    public record ListenerState(Kind kind, String aeTitle, int port, String reason) {
        public enum Kind { OFF, STARTING, LISTENING, FAILED }

        static ListenerState off() { return new ListenerState(Kind.OFF, "", 0, ""); }
    }

    private final Path home;
    private final ArchiveService archive;
    private final I18n i18n;
    private final Runnable onImageStored;
    private final ExecutorService calls = Threads.pool("fovea-net", 3);
    /** One thread owns the SCP, so a start and a stop never overlap. */
    private final ExecutorService listenerThread = Threads.pool("fovea-listener", 1);
    private final ObjectProperty<NetworkSettings> settings = new SimpleObjectProperty<>(NetworkSettings.defaults());
    /** The settings for threads other than the FX thread, which owns the property. */
    private volatile NetworkSettings current = NetworkSettings.defaults();
    private final ReadOnlyObjectWrapper<ListenerState> listener = new ReadOnlyObjectWrapper<>(ListenerState.off());
    private final ReadOnlyIntegerWrapper received = new ReadOnlyIntegerWrapper();
    /** Written on the listener thread; read by {@link #client()} so C-MOVE lands on the running listener. */
    private volatile StoreScp scp;
    private NetworkSettings scpSettings;
    private volatile boolean closed;

    /** {@code onImageStored} runs on a listener thread for every image pushed to us. */
    public NetworkService(Path home, ArchiveService archive, I18n i18n, Runnable onImageStored) {
        settings.addListener((o, a, s) -> current = s);
        this.home = home;
        this.archive = archive;
        this.i18n = i18n;
        this.onImageStored = onImageStored;
    }

    /**
     * Loads the saved settings in the background and starts the listener when they say so. A
     * settings file that cannot be read fails the future with its sentence; the workstation then
     * runs without nodes and without listening rather than guess.
     */
    public CompletableFuture<NetworkSettings> start() {
        CompletableFuture<NetworkSettings> loaded = new CompletableFuture<>();
        listenerThread.execute(() -> {
            NetworkSettings s;
            RuntimeException problem = null;
            try {
                s = NetworkSettingsStore.load(home);
            } catch (RuntimeException e) {
                LOG.error("the network settings in {} could not be read", home, e);
                problem = e;
                NetworkSettings d = NetworkSettings.defaults();
                s = d.withLocal(d.localAeTitle(), d.localPort(), false);
            }
            NetworkSettings ready = s;
            RuntimeException failed = problem;
            Platform.runLater(() -> {
                settings.set(ready);
                if (failed == null) {
                    loaded.complete(ready);
                } else {
                    loaded.completeExceptionally(failed);
                }
            });
            applyListener(ready);
        });
        return loaded;
    }

    public ReadOnlyObjectProperty<NetworkSettings> settingsProperty() { return settings; }

    public NetworkSettings settings() { return settings.get(); }

    public ReadOnlyObjectProperty<ListenerState> listenerProperty() { return listener.getReadOnlyProperty(); }

    /** Images received by the listener since the window opened. */
    public ReadOnlyIntegerProperty receivedProperty() { return received.getReadOnlyProperty(); }

    /** The nodes offering a service, in the settings' order. */
    public List<DicomNode> nodes(DicomNode.Service service) {
        return settings.get().nodes().stream().filter(n -> n.services().contains(service)).toList();
    }

    /**
     * A client with the current settings (own AE title, timeouts); its C-MOVEs use the running
     * listener as their destination instead of opening a second one on the same port. Any thread.
     */
    public DicomClient client() {
        DicomClient c = new DicomClient(current);
        c.useStoreScp(scp);
        return c;
    }

    /**
     * Saves the settings, then restarts the listener if its part changed. The future completes
     * on the FX thread, exceptionally when the file could not be written.
     */
    public CompletableFuture<Void> save(NetworkSettings s) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        listenerThread.execute(() -> {
            try {
                NetworkSettingsStore.save(home, s);
            } catch (RuntimeException e) {
                Platform.runLater(() -> done.completeExceptionally(e));
                return;
            }
            Platform.runLater(() -> {
                settings.set(s);
                done.complete(null);
            });
            applyListener(s);
        });
        return done;
    }

    /**
     * Retrieves a study, or some of its series, into the local archive; blocks until the images
     * are in, so call it inside a {@link #call}. {@code listener} hears each image on the
     * network's thread.
     */
    RetrieveReport retrieve(DicomNode node, RetrieveRequest request, TransferListener listener, CancelToken cancel)
            throws DicomNetworkFailure {
        return client().retrieve(node, request, archive.destination(), listener, cancel);
    }

    /** Runs a network call off the FX thread; the result (or its failure, unwrapped) arrives on the FX thread. */
    public <T> CompletableFuture<T> call(Callable<T> work) {
        return org.fovea.app.ui.common.FxFutures.onFx(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, calls);
    }

    /** A status line for the listener, in the current language. */
    public StringBinding listenerText() {
        return Bindings.createStringBinding(() -> {
            ListenerState st = listener.get();
            return switch (st.kind()) {
                case OFF -> i18n.get("listener.off");
                case STARTING -> i18n.format("listener.starting", st.aeTitle(), String.valueOf(st.port()));
                case LISTENING -> received.get() == 0
                        ? i18n.format("listener.on", st.aeTitle(), String.valueOf(st.port()))
                        : i18n.format("listener.onReceived", st.aeTitle(), String.valueOf(st.port()),
                                String.valueOf(received.get()));
                case FAILED -> i18n.format("listener.failed", st.aeTitle(), String.valueOf(st.port()), st.reason());
            };
        }, listener, received, i18n.bundleBinding());
    }

    /** Listener thread: brings the SCP in line with the settings, restarting it only when its part changed. */
    private void applyListener(NetworkSettings s) {
        if (closed) {
            return;
        }
        boolean same = scpSettings != null && scpSettings.listen() == s.listen()
                && scpSettings.localPort() == s.localPort()
                && Objects.equals(scpSettings.localAeTitle(), s.localAeTitle())
                && scpSettings.connectTimeoutSeconds() == s.connectTimeoutSeconds()
                && scpSettings.responseTimeoutSeconds() == s.responseTimeoutSeconds();
        if (same && (scp != null || !s.listen())) {
            return;
        }
        stopScp();
        scpSettings = s;
        if (!s.listen()) {
            setState(ListenerState.off());
            return;
        }
        setState(new ListenerState(ListenerState.Kind.STARTING, s.localAeTitle(), s.localPort(), ""));
        try {
            scp = StoreScp.start(s, archive.destination(), new StoreScp.StoreListener() {
                @Override
                public void stored(ImageHeader header) {
                    Platform.runLater(() -> received.set(received.get() + 1));
                    onImageStored.run();
                }

                @Override
                public void failed(String reason) {
                    LOG.warn("an image pushed to {} was not stored: {}", s.localAeTitle(), reason);
                }
            });
            LOG.info("listening as {} on port {}", s.localAeTitle(), scp.port());
            setState(new ListenerState(ListenerState.Kind.LISTENING, s.localAeTitle(), scp.port(), ""));
        } catch (Exception e) {
            LOG.error("the listener could not start as {} on port {}", s.localAeTitle(), s.localPort(), e);
            scp = null;
            setState(new ListenerState(ListenerState.Kind.FAILED, s.localAeTitle(), s.localPort(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void stopScp() {
        if (scp != null) {
            try {
                scp.close();
            } catch (RuntimeException e) {
                LOG.warn("the listener did not stop cleanly", e);
            }
            scp = null;
        }
    }

    private void setState(ListenerState st) {
        Platform.runLater(() -> listener.set(st));
    }

    /**
     * Stops the listener and abandons calls in flight; FX thread. Waits briefly for the port to
     * be released, so a window opened next in this JVM can listen on it again.
     */
    @Override
    public void close() {
        closed = true;
        listenerThread.execute(this::stopScp);
        listenerThread.shutdown();
        calls.shutdownNow();
        try {
            if (!listenerThread.awaitTermination(3, TimeUnit.SECONDS)) {
                LOG.warn("the DICOM listener did not stop within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
