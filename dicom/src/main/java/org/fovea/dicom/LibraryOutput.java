package org.fovea.dicom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * What libraries write about a file reaches the log with that file's name, and nothing of it the
 * terminal. PixelMed prints some of its complaints straight to {@code System.err} ("Error: Illegal
 * duplicate tag in dataset …", "Error: fragment offset for segment 1 is not even length …"), and
 * logs others through SLF4J, neither naming the file it was reading. Code that reads a file
 * through PixelMed runs inside {@link #about(Path)}: the file is put in the logging context
 * (MDC key {@value #FILE_KEY}, which the log pattern prints) and lines written to stderr on that
 * thread are logged with its name. {@link #install()} turns stderr into such a log for the whole
 * process and hands back the terminal, where the command line writes its own one-line reasons.
 */
public final class LibraryOutput {

    /** The MDC key of the file being read. */
    public static final String FILE_KEY = "file";

    private static final Logger LOG = LoggerFactory.getLogger("stderr");
    private static final ThreadLocal<Path> CURRENT = new ThreadLocal<>();
    private static PrintStream terminal;

    private LibraryOutput() {
    }

    /**
     * Sends every line written to {@code System.err} from now on to the log (level WARN, logger
     * "stderr"), with the file being read when there is one. Idempotent.
     *
     * @return the stream that still reaches the terminal
     */
    public static synchronized PrintStream install() {
        if (terminal == null) {
            terminal = System.err;
            System.setErr(new PrintStream(new LineLogger(Charset.defaultCharset()), true, Charset.defaultCharset()));
        }
        return terminal;
    }

    /** Where the user's terminal is: stderr as it was before {@link #install()}, or stderr itself. */
    public static synchronized PrintStream terminal() {
        return terminal != null ? terminal : System.err;
    }

    /** While a file is read: what a library says on this thread is about it. */
    public static Scope about(Path file) {
        Path previous = CURRENT.get();
        CURRENT.set(file);
        MDC.put(FILE_KEY, file.toString());
        return () -> {
            if (previous == null) {
                CURRENT.remove();
                MDC.remove(FILE_KEY);
            } else {
                CURRENT.set(previous);
                MDC.put(FILE_KEY, previous.toString());
            }
        };
    }

    /** Ends an {@link #about} scope. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Collects each thread's bytes to the end of a line, then logs the line. */
    private static final class LineLogger extends OutputStream {
        private final Charset charset;
        private final ThreadLocal<ByteArrayOutputStream> lines = ThreadLocal.withInitial(ByteArrayOutputStream::new);
        /** Set while this thread logs a line: what the logging itself prints goes to the terminal. */
        private final ThreadLocal<Boolean> logging = ThreadLocal.withInitial(() -> false);

        LineLogger(Charset charset) {
            this.charset = charset;
        }

        @Override
        public void write(int b) {
            if (logging.get()) {
                terminal.write(b);
                return;
            }
            ByteArrayOutputStream line = lines.get();
            if (b == '\n') {
                String text = line.toString(charset).stripTrailing();
                line.reset();
                if (!text.isEmpty()) {
                    logging.set(true);
                    Path file = CURRENT.get();
                    try {
                        if (file == null) {
                            LOG.warn("{}", text);
                        } else {
                            // named in the message, not again by the pattern's file field
                            MDC.remove(FILE_KEY);
                            LOG.warn("{}: {}", file, text);
                        }
                    } finally {
                        if (file != null) {
                            MDC.put(FILE_KEY, file.toString());
                        }
                        logging.set(false);
                    }
                }
            } else {
                line.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
