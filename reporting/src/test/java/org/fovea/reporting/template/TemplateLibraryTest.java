package org.fovea.reporting.template;

import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The department's library: filtered for the picker, imports kept in the database, merge fields filled. */
class TemplateLibraryTest {

    @TempDir
    Path home;

    static TemplateLibrary library() {
        try {
            Path dir = Files.createTempDirectory("templates");
            return new TemplateLibrary(ReportingDatabase.embedded(dir).dataSource());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aStudysDicomBodyPartFindsTheChineseTemplatesAndTheExamNarrowsThem() {
        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            TemplateLibrary lib = new TemplateLibrary(db.dataSource());
            assertThat(lib.list("CHEST", "", "")).extracting(ReportTemplate::id)
                    .containsExactly("ct-chest-zh", "dr-chest-zh", "ct-chest-en");
            assertThat(lib.list("胸部", "胸片", "")).extracting(ReportTemplate::id).containsExactly("dr-chest-zh");
            assertThat(lib.list("", "", "膝")).extracting(ReportTemplate::id).containsExactly("mr-knee-zh");
            assertThat(lib.list("KNEE", "", "")).extracting(ReportTemplate::id).containsExactly("mr-knee-zh");
        }
    }

    @Test
    void anImportedTemplateIsKeptAndOverridesAStarterOfTheSameId() throws Exception {
        Path file = home.resolve("mine.html");
        String sample = new String(Objects.requireNonNull(getClass().getResourceAsStream("/mrrt/ihe-style-ct-chest.html"))
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(file, sample.replace("org.example.radreport.ct-chest-nodule", "ct-chest-zh")
                .replace("CT Chest Pulmonary Nodule", "本院胸部CT模板"));
        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            new TemplateLibrary(db.dataSource()).importFile(file);
        }
        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            TemplateLibrary again = new TemplateLibrary(db.dataSource());
            assertThat(again.find("ct-chest-zh").orElseThrow().title()).isEqualTo("本院胸部CT模板");
            assertThat(again.list("", "", "")).filteredOn(t -> t.id().equals("ct-chest-zh")).hasSize(1);
        }
    }

    @Test
    void mergeFieldsFillFromTheStudyMeasurementsAndFieldsAndUnknownOnesStayVisible() {
        StudyRef s = new StudyRef("1.2.3", "ACC1", "P1", "ZHANG^WEI=张^伟", "M", LocalDate.of(1970, 1, 2), "054Y",
                LocalDate.of(2024, 3, 15), "CT", "CHEST", "胸部CT平扫", "", "");
        List<ReportMeasurement> m = List.of(new ReportMeasurement("LENGTH", 10.2, "mm", "长度 10.2 mm", "1", "2", 1),
                new ReportMeasurement("AREA", 5, "mm2", "", "1", "2", 1));
        String filled = MergeFields.fill("{{patient.name}} {{patient.sex}} {{patient.age}} {{study.date}} "
                + "{{study.accession}} {{nodule-size}} mm\n{{measurements}}\n{{nosuch}}", s, m, Map.of("nodule-size", "12"));
        assertThat(filled).isEqualTo("张伟 男 054Y 2024-03-15 ACC1 12 mm\n长度 10.2 mm\n{{nosuch}}");
    }
}
