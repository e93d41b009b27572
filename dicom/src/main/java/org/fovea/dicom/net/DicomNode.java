package org.fovea.dicom.net;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote DICOM application entity the workstation talks to: a PACS, a modality, a worklist
 * broker. {@code name} is what the user sees; {@code services} says which of the workstation's
 * functions may use it.
 */
public record DicomNode(String name, String aeTitle, String host, int port, Set<Service> services,
                        RetrieveMethod retrieveMethod) {

    /** What a node offers this workstation. */
    public enum Service { QUERY_RETRIEVE, STORE, WORKLIST }

    private static final Pattern ADDRESS = Pattern.compile("^([^@]+)@(.+):(\\d{1,5})$");

    public DicomNode {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        requireAeTitle(aeTitle, aeTitle + "@" + host + ":" + port);
        if (host.isBlank()) {
            throw new IllegalArgumentException("The DICOM node " + aeTitle + " has no host name.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port of " + aeTitle + "@" + host + " must be between 1 and 65535, not "
                    + port + ".");
        }
        name = name == null || name.isBlank() ? aeTitle : name;
        services = services == null || services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
        retrieveMethod = retrieveMethod == null ? RetrieveMethod.C_GET : retrieveMethod;
    }

    /**
     * Parses {@code AET@host:port} (e.g. {@code ORTHANC@127.0.0.1:4242}) into a node offering all
     * services and retrieving by C-GET.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the text
     */
    public static DicomNode parse(String aetAtHostColonPort) {
        String text = aetAtHostColonPort == null ? "" : aetAtHostColonPort.trim();
        Matcher m = ADDRESS.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a DICOM node address: write it as AE@host:port, "
                    + "for example ORTHANC@127.0.0.1:4242.");
        }
        int port = Integer.parseInt(m.group(3));
        return new DicomNode(m.group(1), m.group(1), m.group(2), port, EnumSet.allOf(Service.class), RetrieveMethod.C_GET);
    }

    /** {@code AET@host:port}, the form used in messages and on the command line. */
    public String address() {
        return aeTitle + "@" + host + ":" + port;
    }

    public boolean offers(Service service) {
        return services.contains(service);
    }

    /** A copy retrieving by the given method. */
    public DicomNode withRetrieveMethod(RetrieveMethod method) {
        return new DicomNode(name, aeTitle, host, port, services, method);
    }

    /**
     * DICOM AE titles are 1 to 16 characters of the default repertoire without backslash or
     * control characters, and not all spaces.
     */
    static void requireAeTitle(String aeTitle, String context) {
        if (aeTitle.isBlank() || aeTitle.length() > 16) {
            throw new IllegalArgumentException("The AE title \"" + aeTitle + "\" of " + context
                    + " must be 1 to 16 characters long.");
        }
        for (int i = 0; i < aeTitle.length(); i++) {
            char c = aeTitle.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\') {
                throw new IllegalArgumentException("The AE title \"" + aeTitle + "\" of " + context
                        + " may hold only plain ASCII letters, digits and punctuation (no backslash).");
            }
        }
    }
}
