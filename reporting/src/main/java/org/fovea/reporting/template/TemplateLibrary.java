package org.fovea.reporting.template;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The department's template library: the starter set shipped in the jar (Chinese templates for
 * common exams), and the MRRT files the department imported, kept in the department database so
 * every workstation offers the same ones. An import with a starter template's identifier
 * replaces it.
 */
public final class TemplateLibrary implements Templates {

    /** The starter set, in the order the picker shows them. */
    static final List<String> STARTER = List.of("ct-chest-zh", "ct-head-zh", "ct-abdomen-zh", "dr-chest-zh",
            "mr-brain-zh", "mr-knee-zh", "ct-chest-en");

    /** DICOM Body Part Examined values and the Chinese names templates use, so either finds both. */
    private static final Map<String, String> BODY_PARTS = Map.of("CHEST", "胸部", "HEAD", "头颅", "ABDOMEN", "腹部",
            "BRAIN", "颅脑", "KNEE", "膝关节", "LUNG", "胸部");

    private final DataSource db;
    private final Map<String, ReportTemplate> starter = Starters.SET;

    public TemplateLibrary(DataSource db) {
        this.db = db;
    }

    /**
     * The starter set, read once per JVM: the files are part of the build and templates are
     * immutable, and reading seven with jsoup on every library made each signature pay for it.
     */
    private static final class Starters {
        static final Map<String, ReportTemplate> SET = read();

        private static Map<String, ReportTemplate> read() {
            Map<String, ReportTemplate> out = new LinkedHashMap<>();
            for (String id : STARTER) {
                String file = "/templates/" + id + ".html";
                try (InputStream in = TemplateLibrary.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException("The starter template " + file + " is missing from the build");
                    }
                    ReportTemplate t = MrrtReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
                    out.put(t.id(), t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (TemplateException e) {
                    throw new IllegalStateException("A starter template is broken: " + e.getMessage(), e);
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    @Override
    public List<ReportTemplate> list(String bodyPart, String examItem, String search) {
        Map<String, ReportTemplate> all = new LinkedHashMap<>(starter);
        imported().forEach(t -> all.put(t.id(), t));
        List<ReportTemplate> out = new ArrayList<>();
        for (ReportTemplate t : all.values()) {
            if (matchesBodyPart(t, bodyPart) && contains(t.examItems(), examItem)
                    && (blank(search) || lower(t.title()).contains(lower(search)) || contains(t.examItems(), search))) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Optional<ReportTemplate> find(String id) {
        return imported().stream().filter(t -> t.id().equals(id)).findFirst()
                .or(() -> Optional.ofNullable(starter.get(id)));
    }

    @Override
    public ReportTemplate importFile(Path mrrtFile) throws TemplateException {
        String source;
        try {
            source = Files.readString(mrrtFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException(mrrtFile + ": cannot be read: " + e.getMessage());
        }
        ReportTemplate t = MrrtReader.read(source, mrrtFile.toString());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM report_templates WHERE id = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO report_templates (id, source, imported_at) VALUES (?, ?, ?)")) {
                del.setString(1, t.id());
                del.executeUpdate();
                ins.setString(1, t.id());
                ins.setString(2, source);
                ins.setLong(3, System.currentTimeMillis());
                ins.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the template " + t.id() + ": " + e.getMessage(), e);
        }
        return t;
    }

    private List<ReportTemplate> imported() {
        List<ReportTemplate> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, source FROM report_templates ORDER BY imported_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(MrrtReader.read(rs.getString(2), "template " + rs.getString(1)));
                } catch (TemplateException e) {
                    // was valid when imported; a stricter reader since then must not hide the others
                    org.slf4j.LoggerFactory.getLogger(TemplateLibrary.class).warn("Skipping a stored template: {}", e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the template library: " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean matchesBodyPart(ReportTemplate t, String bodyPart) {
        if (blank(bodyPart)) {
            return true;
        }
        String wanted = lower(bodyPart);
        String alias = BODY_PARTS.getOrDefault(bodyPart.trim().toUpperCase(Locale.ROOT), "");
        for (String p : t.bodyParts()) {
            String mine = lower(p);
            String myAlias = lower(BODY_PARTS.getOrDefault(p.trim().toUpperCase(Locale.ROOT), ""));
            if (mine.equals(wanted) || (!alias.isEmpty() && mine.equals(lower(alias)))
                    || (!myAlias.isEmpty() && myAlias.equals(wanted))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<String> items, String text) {
        return blank(text) || items.stream().anyMatch(i -> lower(i).contains(lower(text)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
