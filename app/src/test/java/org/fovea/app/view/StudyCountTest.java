package org.fovea.app.view;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** The study counts under the study list and the PACS query, as a user reads them. */
class StudyCountTest {

    private static final ResourceBundle EN = Messages.bundle(Locale.ENGLISH);
    private static final ResourceBundle ZH = Messages.bundle(Locale.SIMPLIFIED_CHINESE);

    @Test
    void englishSaysOneStudyAndOtherwiseStudies() {
        assertThat(Messages.format(EN, "list.count", 0)).isEqualTo("0 studies");
        assertThat(Messages.format(EN, "list.count", 1)).isEqualTo("1 study");
        assertThat(Messages.format(EN, "list.count", 2)).isEqualTo("2 studies");
        assertThat(Messages.format(EN, "list.count", 12345)).isEqualTo("12,345 studies");
        assertThat(Messages.format(EN, "query.found", 1, "PACS (ORTHANC@10.0.0.5:4242)"))
                .isEqualTo("1 study on PACS (ORTHANC@10.0.0.5:4242)");
    }

    @Test
    void chineseCountsStudies() {
        assertThat(Messages.format(ZH, "list.count", 12345)).isEqualTo("共 12,345 个检查");
        assertThat(Messages.format(ZH, "query.found", 1, "PACS")).isEqualTo("PACS 上有 1 个检查");
    }
}
