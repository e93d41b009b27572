package org.fovea.app.view;

/**
 * Checks what a user typed into the network settings before it is saved. Each check answers the
 * bundle key of the sentence to show, or null when the value is fine.
 */
public final class NetworkFields {

    private NetworkFields() {
    }

    /** DICOM AE titles: 1 to 16 characters of printable ASCII without backslash, not only spaces. */
    public static String aeTitleProblem(String ae) {
        String t = ae == null ? "" : ae.trim();
        if (t.isEmpty()) {
            return "field.aeTitle.empty";
        }
        if (t.length() > 16) {
            return "field.aeTitle.long";
        }
        for (char c : t.toCharArray()) {
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return "field.aeTitle.chars";
            }
        }
        return null;
    }

    public static String portProblem(String port) {
        return parsePort(port) < 0 ? "field.port.invalid" : null;
    }

    /** The port number, or -1 when the text is not one from 1 to 65535. */
    public static int parsePort(String port) {
        try {
            int p = Integer.parseInt(port == null ? "" : port.trim());
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String hostProblem(String host) {
        String h = host == null ? "" : host.trim();
        return h.isEmpty() || h.contains(" ") ? "field.host.invalid" : null;
    }

    public static String timeoutProblem(String seconds) {
        return parseTimeout(seconds) < 0 ? "field.timeout.invalid" : null;
    }

    /** Seconds from 1 to 3600, or -1. */
    public static int parseTimeout(String seconds) {
        try {
            int s = Integer.parseInt(seconds == null ? "" : seconds.trim());
            return s >= 1 && s <= 3600 ? s : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
