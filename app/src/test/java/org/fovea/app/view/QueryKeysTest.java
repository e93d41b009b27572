package org.fovea.app.view;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The C-FIND keys built from what a user typed, and the checks on typed network settings. */
class QueryKeysTest {

    @Test
    void aTypedNameMatchesAnywhereInBothNameGroupsUnlessTheUserWroteWildcards() {
        assertThat(QueryKeys.nameMatch("张")).isEqualTo("*张*");
        assertThat(QueryKeys.nameMatch(" zhang wei ")).isEqualTo("*zhang^wei*");
        assertThat(QueryKeys.nameMatch("张*")).isEqualTo("张*");
        assertThat(QueryKeys.nameMatch("  ")).isEmpty();
    }

    @Test
    void onlyANameInLatinLettersIsMatchedLocallyToo() {
        assertThat(QueryKeys.nameNeedsLocalMatch("zw")).isTrue();
        assertThat(QueryKeys.nameNeedsLocalMatch(" zhang wei ")).isTrue();
        assertThat(QueryKeys.nameNeedsLocalMatch("ZHANG^WEI")).isTrue();
        assertThat(QueryKeys.nameNeedsLocalMatch("张伟")).as("the PACS matches characters itself").isFalse();
        assertThat(QueryKeys.nameNeedsLocalMatch("zh*")).as("wildcards are the user's own C-FIND").isFalse();
        assertThat(QueryKeys.nameNeedsLocalMatch("  ")).isFalse();
    }

    @Test
    void dateRangesAreOpenAtAMissingEnd() {
        LocalDate a = LocalDate.of(2024, 3, 1);
        LocalDate b = LocalDate.of(2024, 3, 31);
        assertThat(QueryKeys.dateRange(a, b)).isEqualTo("20240301-20240331");
        assertThat(QueryKeys.dateRange(a, null)).isEqualTo("20240301-");
        assertThat(QueryKeys.dateRange(null, b)).isEqualTo("-20240331");
        assertThat(QueryKeys.dateRange(a, a)).isEqualTo("20240301");
        assertThat(QueryKeys.dateRange(null, null)).isEmpty();
    }

    @Test
    void assignmentsKeepTheirOrderAndABareKeywordOnlyAsksForTheAttribute() {
        Map<String, String> keys = QueryKeys.parseAssignments(List.of("PatientName=张*", "StudyDate=20240101-", "Modality"));
        assertThat(keys).containsExactly(Map.entry("PatientName", "张*"), Map.entry("StudyDate", "20240101-"),
                Map.entry("Modality", ""));
        assertThatThrownBy(() -> QueryKeys.parseAssignments(List.of("=CT"))).hasMessageContaining("'=CT'");
    }

    @Test
    void matchingKeysOverrideTheEmptyReturnKeys() {
        Map<String, String> keys = QueryKeys.withReturnKeys(QueryKeys.SERIES, Map.of("StudyInstanceUID", "1.2.3"));
        assertThat(keys.get("StudyInstanceUID")).isEqualTo("1.2.3");
        assertThat(keys.get("Modality")).isEmpty();
        assertThat(keys.keySet()).startsWith("StudyInstanceUID");
    }

    @Test
    void typedSettingsAreCheckedBeforeSaving() {
        assertThat(NetworkFields.aeTitleProblem("FOVEA")).isNull();
        assertThat(NetworkFields.aeTitleProblem(" ")).isEqualTo("field.aeTitle.empty");
        assertThat(NetworkFields.aeTitleProblem("A_TITLE_LONGER_THAN_16")).isEqualTo("field.aeTitle.long");
        assertThat(NetworkFields.aeTitleProblem("影像")).isEqualTo("field.aeTitle.chars");
        assertThat(NetworkFields.aeTitleProblem("A\\B")).isEqualTo("field.aeTitle.chars");
        assertThat(NetworkFields.parsePort("104")).isEqualTo(104);
        assertThat(NetworkFields.parsePort("65536")).isEqualTo(-1);
        assertThat(NetworkFields.parsePort("x")).isEqualTo(-1);
        assertThat(NetworkFields.hostProblem("pacs.hospital.cn")).isNull();
        assertThat(NetworkFields.hostProblem("pacs hospital")).isEqualTo("field.host.invalid");
        assertThat(NetworkFields.timeoutProblem("0")).isEqualTo("field.timeout.invalid");
    }
}
