package org.fovea.reporting.history;

import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two versions compared: the changed characters of a changed line, added and removed lines, fields, images. */
class VersionDiffTest {

    private static ReportVersion v(int n, ReportStatus status, String findings, String impression, Map<String, String> fields,
                                   List<String> images) {
        return new ReportVersion(7, n, status, findings, impression, fields, "", images, "li", "", Instant.EPOCH);
    }

    @Test
    void aReviewersEditShowsTheChangedCharactersOnly() {
        ReportVersion junior = v(1, ReportStatus.DRAFT, "胸廓对称。\n右肺上叶见磨玻璃结节，大小约 8 mm。", "考虑炎性病变。",
                Map.of("nodule-density", "磨玻璃"), List.of("aa11"));
        ReportVersion senior = v(2, ReportStatus.DRAFT, "胸廓对称。\n右肺上叶见部分实性结节，大小约 8 mm。\n纵隔未见肿大淋巴结。",
                "考虑炎性病变。", Map.of("nodule-density", "部分实性"), List.of("aa11", "bb22"));
        List<VersionDiff.Row> changes = VersionDiff.changes(junior, senior);

        VersionDiff.Row line = changes.get(0);
        assertThat(line.section()).isEqualTo("findings");
        assertThat(line.kind()).isEqualTo(VersionDiff.Kind.CHANGED);
        assertThat(line.beforeText()).isEqualTo("右肺上叶见磨玻璃结节，大小约 8 mm。");
        assertThat(line.afterText()).isEqualTo("右肺上叶见部分实性结节，大小约 8 mm。");
        assertThat(line.before().stream().filter(VersionDiff.Span::changed).map(VersionDiff.Span::text)).containsExactly("磨玻璃");
        assertThat(line.after().stream().filter(VersionDiff.Span::changed).map(VersionDiff.Span::text)).containsExactly("部分实性");

        assertThat(changes.get(1).kind()).isEqualTo(VersionDiff.Kind.ADDED);
        assertThat(changes.get(1).afterText()).isEqualTo("纵隔未见肿大淋巴结。");
        assertThat(changes.get(1).beforeText()).isEmpty();
        assertThat(changes).filteredOn(r -> r.section().equals("fields")).singleElement()
                .satisfies(r -> assertThat(r.afterText()).isEqualTo("nodule-density: 部分实性"));
        assertThat(changes).filteredOn(r -> r.section().equals("images")).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(VersionDiff.Kind.ADDED));
        assertThat(changes).noneMatch(r -> r.section().equals("impression") || r.section().equals("status"));
        assertThat(VersionDiff.between(junior, senior)).filteredOn(r -> r.kind() == VersionDiff.Kind.EQUAL)
                .extracting(VersionDiff.Row::afterText).contains("胸廓对称。", "考虑炎性病变。");
    }

    @Test
    void markupAndTabsAreTextAndAStatusChangeIsShown() {
        ReportVersion a = v(1, ReportStatus.DRAFT, "a < b & c\tx", "", Map.of(), List.of());
        ReportVersion b = v(2, ReportStatus.FINAL, "a < b & d\tx", "", Map.of(), List.of());
        List<VersionDiff.Row> changes = VersionDiff.changes(a, b);
        assertThat(changes.get(0).section()).isEqualTo("status");
        assertThat(changes.get(0).afterText()).isEqualTo("FINAL");
        assertThat(changes.get(1).beforeText()).isEqualTo("a < b & c\tx");
        assertThat(changes.get(1).afterText()).isEqualTo("a < b & d\tx");
        assertThat(VersionDiff.changes(a, a)).isEmpty();
    }
}
