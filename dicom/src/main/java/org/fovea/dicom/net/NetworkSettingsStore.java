package org.fovea.dicom.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes {@code FOVEA_HOME/settings/dicom.json}, a file an IT administrator may also
 * edit by hand: fields left out take their defaults, and a file that cannot be understood is
 * reported with its name and the reason instead of being silently replaced.
 */
public final class NetworkSettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NetworkSettingsStore() {
    }

    public static Path file(Path foveaHome) {
        return foveaHome.resolve("settings").resolve("dicom.json");
    }

    /**
     * The saved settings, or {@link NetworkSettings#defaults()} when none were saved yet.
     *
     * @throws NetworkSettingsException when the file exists but cannot be read or understood
     */
    public static NetworkSettings load(Path foveaHome) {
        Path file = file(foveaHome);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NetworkSettings.defaults();
        } catch (IOException e) {
            throw new NetworkSettingsException("The DICOM network settings file " + file + " cannot be read ("
                    + e.getMessage() + ").", e);
        }
        try {
            return fromJson(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new NetworkSettingsException("The DICOM network settings file " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ").", e);
        } catch (IllegalArgumentException e) {
            throw new NetworkSettingsException("The DICOM network settings file " + file + " has a wrong value: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the settings atomically: a crash leaves either the old file or the new one.
     *
     * @throws NetworkSettingsException when the file cannot be written
     */
    public static void save(Path foveaHome, NetworkSettings s) {
        Path file = file(foveaHome);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = JSON.writeValueAsBytes(toJson(s));
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NetworkSettingsException("The DICOM network settings could not be saved to " + file + " ("
                    + e.getMessage() + ").", e);
        }
    }

    private static ObjectNode toJson(NetworkSettings s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("localAeTitle", s.localAeTitle());
        root.put("localPort", s.localPort());
        root.put("listen", s.listen());
        root.put("connectTimeoutSeconds", s.connectTimeoutSeconds());
        root.put("responseTimeoutSeconds", s.responseTimeoutSeconds());
        ArrayNode nodes = root.putArray("nodes");
        for (DicomNode n : s.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("name", n.name());
            o.put("aeTitle", n.aeTitle());
            o.put("host", n.host());
            o.put("port", n.port());
            ArrayNode services = o.putArray("services");
            n.services().stream().sorted().forEach(x -> services.add(x.name()));
            o.put("retrieveMethod", n.retrieveMethod().name());
        }
        return root;
    }

    private static NetworkSettings fromJson(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("the top level must be a JSON object.");
        }
        NetworkSettings d = NetworkSettings.defaults();
        List<DicomNode> nodes = new ArrayList<>();
        JsonNode array = root.path("nodes");
        if (!array.isMissingNode() && !array.isArray()) {
            throw new IllegalArgumentException("\"nodes\" must be a list.");
        }
        for (JsonNode o : array) {
            nodes.add(node(o));
        }
        return new NetworkSettings(text(root, "localAeTitle", d.localAeTitle()), integer(root, "localPort", d.localPort()),
                root.path("listen").asBoolean(d.listen()),
                integer(root, "connectTimeoutSeconds", d.connectTimeoutSeconds()),
                integer(root, "responseTimeoutSeconds", d.responseTimeoutSeconds()), nodes);
    }

    private static DicomNode node(JsonNode o) {
        String ae = text(o, "aeTitle", "");
        Set<DicomNode.Service> services = EnumSet.noneOf(DicomNode.Service.class);
        JsonNode list = o.path("services");
        if (list.isMissingNode()) {
            services = EnumSet.allOf(DicomNode.Service.class);
        }
        for (JsonNode s : list) {
            services.add(enumValue(DicomNode.Service.class, s.asText(), "service of node " + ae));
        }
        RetrieveMethod method = enumValue(RetrieveMethod.class, text(o, "retrieveMethod", "C_GET"),
                "retrieve method of node " + ae);
        return new DicomNode(text(o, "name", ae), ae, text(o, "host", ""), integer(o, "port", 0), services, method);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a known " + what + ".");
        }
    }

    private static String text(JsonNode o, String field, String orElse) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? orElse : v.asText();
    }

    private static int integer(JsonNode o, String field, int orElse) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return orElse;
        }
        if (!v.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number, not " + v + ".");
        }
        return v.asInt();
    }
}
