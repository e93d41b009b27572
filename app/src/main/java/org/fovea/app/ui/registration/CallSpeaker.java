package org.fovea.app.ui.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Speaks the calls of the waiting-room display in Mandarin with the machine's text-to-speech,
 * Debian's espeak-ng (voice {@code cmn}), one call after the other on a thread of its own; silent
 * where the machine has none. The system property {@code fovea.speech.out} (or the environment's
 * {@code FOVEA_SPEECH_OUT}) names a folder to write each call's speech into as a WAV file instead
 * of playing it (a machine without sound, and the tests).
 */
final class CallSpeaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallSpeaker.class);

    private final Optional<Path> program;
    private final Path out;
    private final ExecutorService voice = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fovea-waiting-room-speech");
        t.setDaemon(true);
        return t;
    });
    private int spoken;

    CallSpeaker() {
        program = find("espeak-ng");
        String folder = System.getProperty("fovea.speech.out", System.getenv("FOVEA_SPEECH_OUT"));
        out = folder == null || folder.isBlank() ? null : Path.of(folder);
        if (program.isEmpty()) {
            LOG.info("No espeak-ng on this machine: the waiting-room display calls silently");
        }
    }

    /** Whether calls are spoken here. */
    boolean speaks() {
        return program.isPresent();
    }

    /** What is said for a call: 请 王建国 到 CT1 检查. */
    static String phrase(String name, String room) {
        return "请 " + name + " 到 " + room + " 检查";
    }

    /** Speaks the phrase after those already asked for. */
    void say(String phrase) {
        if (program.isEmpty()) {
            return;
        }
        voice.execute(() -> {
            List<String> command = new ArrayList<>(List.of(program.get().toString(), "-v", "cmn", "-s", "150"));
            if (out != null) {
                command.addAll(List.of("-w", out.resolve("call-" + (++spoken) + ".wav").toString()));
            }
            command.add(phrase);
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                LOG.warn("espeak-ng could not say a call: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        voice.shutdown();
    }
}
