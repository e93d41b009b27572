package org.fovea.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.net.DicomNetworkFailure;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.NetworkSettingsException;
import org.fovea.dicom.net.NetworkSettingsStore;
import org.fovea.dicom.net.QueryResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@code dicom} subcommands share: the peer address, own settings, Ctrl-C, output. */
final class DicomSupport {

    private DicomSupport() {
    }

    /** Work that a Ctrl-C cancels through its token. */
    interface Cancellable<T> {
        T run(CancelToken cancel) throws DicomNetworkFailure;
    }

    static DicomNode node(String address) {
        try {
            return DicomNode.parse(address);
        } catch (IllegalArgumentException e) {
            throw (UserError) new UserError(e.getMessage()).initCause(e);
        }
    }

    /** The workstation's saved settings, with this run's own AE title when one was given. */
    static NetworkSettings settings(Path home, String aeTitle) {
        NetworkSettings s;
        try {
            s = NetworkSettingsStore.load(home);
        } catch (NetworkSettingsException e) {
            throw (UserError) new UserError(e.getMessage() + " Fix or delete the file.").initCause(e);
        }
        if (aeTitle == null || aeTitle.isBlank()) {
            return s;
        }
        try {
            return s.withLocal(aeTitle.trim(), s.localPort(), s.listen());
        } catch (IllegalArgumentException e) {
            throw new UserError("--aet " + aeTitle + ": " + e.getMessage());
        }
    }

    /**
     * Runs network work that Ctrl-C cancels: the hook only flags the token, so the core finishes
     * the transfer under way and everything already stored stays.
     */
    static <T> T cancellable(Cancellable<T> work) {
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(cancel::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.run(cancel);
        } catch (DicomNetworkFailure e) {
            throw failure(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting on Ctrl-C: the hook has run
            }
        }
    }

    /** The core's sentence as the one line the user reads; the cause goes to the log with it. */
    static UserError failure(DicomNetworkFailure e) {
        return (UserError) new UserError(e.getMessage()).initCause(e);
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("results could not be written as JSON", e);
        }
    }

    /** Query results as a column per key asked, in that order; --json has whatever else the peer sent. */
    static void printTable(PrintWriter out, List<String> keys, List<QueryResult> results) {
        List<String> columns = new ArrayList<>(keys);
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String c : columns) {
            int w = width(c);
            for (QueryResult r : results) {
                w = Math.max(w, width(value(r, c)));
            }
            widths.put(c, w);
        }
        out.println(row(columns, widths, c -> c));
        for (QueryResult r : results) {
            out.println(row(columns, widths, c -> value(r, c)));
        }
    }

    private static String row(List<String> columns, Map<String, Integer> widths,
                              java.util.function.Function<String, String> cell) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            String v = cell.apply(c);
            sb.append(v).append(" ".repeat(widths.get(c) - width(v) + 2));
        }
        return sb.toString().stripTrailing();
    }

    private static String value(QueryResult r, String key) {
        String v = r.values().get(key);
        return v == null ? "" : v;
    }

    /** Terminal columns: CJK characters take two, so Chinese names still line up. */
    private static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || (cp >= 0xFF00 && cp <= 0xFFEF) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }
}
