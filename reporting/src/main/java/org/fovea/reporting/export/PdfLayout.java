package org.fovea.reporting.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hospital's report paper: its name, department, the report's title and an optional logo,
 * from {@code home/report-layout.json} when the hospital's IT admin wrote one, else defaults.
 *
 * @param logo a PNG or JPEG file, or empty for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PdfLayout(String hospital, String department, String title, String logo) {

    public static final PdfLayout DEFAULT = new PdfLayout("Fovea 演示医院", "放射科", "医学影像诊断报告", "");

    public PdfLayout {
        hospital = hospital == null ? DEFAULT_HOSPITAL : hospital;
        department = department == null ? "" : department;
        title = title == null ? "医学影像诊断报告" : title;
        logo = logo == null ? "" : logo;
    }

    private static final String DEFAULT_HOSPITAL = "Fovea 演示医院";

    public static PdfLayout load(Path home) {
        Path file = home.resolve("report-layout.json");
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), PdfLayout.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not a report layout (" + e.getMessage()
                    + "); expected e.g. {\"hospital\": \"…医院\", \"department\": \"放射科\", \"title\": \"医学影像诊断报告\", \"logo\": \"/path/logo.png\"}", e);
        }
    }
}
