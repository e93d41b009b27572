package org.fovea.reporting.template;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MRRT templates as a department brings them: an IHE sample-style file reads with its metadata,
 * coded body part and fields; files that are not usable templates are refused with the file,
 * the line and the reason; nothing active survives.
 */
class MrrtReaderTest {

    private static String resource(String name) throws Exception {
        return new String(Objects.requireNonNull(MrrtReaderTest.class.getResourceAsStream(name)).readAllBytes(),
                StandardCharsets.UTF_8);
    }

    @Test
    void anIheSampleStyleTemplateReadsWithMetadataCodesAndFields() throws Exception {
        ReportTemplate t = MrrtReader.read(resource("/mrrt/ihe-style-ct-chest.html"), "ihe-style-ct-chest.html");
        assertThat(t.id()).isEqualTo("org.example.radreport.ct-chest-nodule");
        assertThat(t.title()).isEqualTo("CT Chest Pulmonary Nodule");
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.modality()).isEqualTo("CT");
        assertThat(t.bodyParts()).contains("chest");
        assertThat(t.fields()).extracting(TemplateField::id).containsExactly("history", "nodule-size", "nodule-type", "spiculated");
        TemplateField size = t.fields().get(1);
        assertThat(size.kind()).isEqualTo(TemplateField.Kind.NUMBER);
        assertThat(size.unit()).isEqualTo("mm");
        assertThat(size.label()).isEqualTo("Largest nodule");
        assertThat(t.fields().get(2).choices()).containsExactly("solid", "part-solid", "ground glass");
        assertThat(t.fields().get(2).defaultValue()).isEqualTo("part-solid");
        assertThat(t.fields().get(3).defaultValue()).as("checked").isEqualTo("true");
        assertThat(t.findings()).isEqualTo("Nodule described above. No other pulmonary nodules.");
        assertThat(t.impression()).isEqualTo("Pulmonary nodule; follow-up per Fleischner criteria.");
        assertThat(t.html()).doesNotContain("template_attributes").contains("nodule-size");
    }

    @Test
    void theStarterSetLoadsEveryTemplateWithBothSections() {
        for (String id : TemplateLibrary.STARTER) {
            assertThat(TemplateLibraryTest.library().find(id)).as(id).isPresent();
        }
        ReportTemplate chest = TemplateLibraryTest.library().find("ct-chest-zh").orElseThrow();
        assertThat(chest.findings()).contains("双肺纹理清晰");
        assertThat(chest.impression()).isNotBlank();
        assertThat(chest.fields()).extracting(TemplateField::label)
                .contains("结节大小", "密度", "结节位置", "形态", "边缘");
        // every nodule sign of requirement A2 has its checkbox; shape and margin are choices
        assertThat(chest.fields().stream().filter(f -> f.kind() == TemplateField.Kind.CHECKBOX).map(TemplateField::label))
                .containsExactlyInAnyOrder("分叶征", "毛刺征", "棘状突起", "空泡征", "囊性变", "空洞", "钙化", "脂肪密度",
                        "牛眼征", "空气新月征", "卫星灶", "胸膜牵拉征", "胸膜侵犯", "血管包绕", "血管移位", "血管穿行征",
                        "支气管截断", "支气管扩张", "支气管移位", "空气支气管征");
        assertThat(chest.fields().stream().filter(f -> f.id().equals("nodule-shape")).findFirst().orElseThrow().choices())
                .containsExactly("规则", "不规则");
        assertThat(chest.fields().stream().filter(f -> f.id().equals("nodule-margin")).findFirst().orElseThrow().choices())
                .containsExactly("光滑", "模糊");
        assertThat(chest.fields().stream().filter(f -> f.id().equals("nodule-density")).findFirst().orElseThrow().choices())
                .contains("实性", "部分实性", "磨玻璃");
    }

    @Test
    void missingMetadataIsRefusedNamingFileLineAndReason() {
        String noTitle = "<html><head><meta name=\"dcterms.identifier\" content=\"x\"></head><body>"
                + "<section data-section-name=\"Findings\"></section><section data-section-name=\"Impression\"></section></body></html>";
        assertThatThrownBy(() -> MrrtReader.read(noTitle, "no-title.html")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("no-title.html").hasMessageContaining("line 1").hasMessageContaining("title");
        String noImpression = "<html><head><meta name=\"dcterms.title\" content=\"T\"><meta name=\"dcterms.identifier\" content=\"x\">"
                + "</head><body>\n<section data-section-name=\"Findings\"></section></body></html>";
        assertThatThrownBy(() -> MrrtReader.read(noImpression, "f.html")).hasMessageContaining("impression");
    }

    @Test
    void anAttributesBlockThatIsNotXmlIsRefusedAtItsLine() throws Exception {
        String broken = resource("/mrrt/ihe-style-ct-chest.html").replace("<status>ACTIVE</status>", "<status>ACTIVE");
        assertThatThrownBy(() -> MrrtReader.read(broken, "broken.html")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("broken.html").hasMessageContaining("not well-formed XML")
                .hasMessageContaining("line 14");
    }

    @Test
    void activeContentIsRefusedAndNeverKept() throws Exception {
        String sample = resource("/mrrt/ihe-style-ct-chest.html");
        for (String bad : List.of("<script>alert(1)</script>", "<p onclick=\"alert(1)\">x</p>",
                "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=\"x.html\"></iframe>",
                "<img src=\"http://evil.example/x.png\">")) {
            String html = sample.replace("<p>Nodule described above.", bad + "\n    <p>Nodule described above.");
            assertThatThrownBy(() -> MrrtReader.read(html, "active.html")).as(bad)
                    .isInstanceOf(TemplateException.class).hasMessageContaining("active.html").hasMessageContaining("line 37");
        }
    }

    @Test
    void twoFieldsWithOneIdAreRefused() throws Exception {
        String dup = resource("/mrrt/ihe-style-ct-chest.html").replace("id=\"history\" name=\"history\"",
                "id=\"nodule-size\" name=\"nodule-size\"");
        assertThatThrownBy(() -> MrrtReader.read(dup, "dup.html")).hasMessageContaining("two fields with the id \"nodule-size\"");
    }
}
