package org.fovea.registration.worklist;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The matching rules WorklistScpTest does not reach through findscu: start time ranges at a coarser
 * precision, names in a group-wise key and with padding carets, and the malformed keys refused.
 */
class MatchingTest {

    private static Matching.Key key(String keyword, String value) throws Matching.BadKey {
        AttributeTag tag = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        return Matching.compile(tag, DicomDictionary.StandardDictionary.getValueRepresentationFromTag(tag), keyword,
                value);
    }

    @Test
    void timesMatchTheWholeHourOrMinuteTheyName() throws Exception {
        Matching.Key morning = key("ScheduledProcedureStepStartTime", "08-10");
        assertThat(morning.matches("080000")).isTrue();
        assertThat(morning.matches("104500")).as("10 as the end takes in 10:59").isTrue();
        assertThat(morning.matches("110000")).isFalse();
        assertThat(key("ScheduledProcedureStepStartTime", "0815").matches("081500")).isTrue();
        assertThat(key("ScheduledProcedureStepStartTime", "0815").matches("083000")).isFalse();
        assertThat(key("ScheduledProcedureStepStartTime", "1200-").matches("113000")).isFalse();
        assertThat(key("ScheduledProcedureStepStartTime", "-081500.000").matches("081500")).isTrue();
    }

    @Test
    void namesMatchByGroupWithoutRegardToCaseOrPaddingCarets() throws Exception {
        String dicom = "WANG^JIANGUO=王^建国";
        assertThat(key("PatientName", "王^建国").matches(dicom)).isTrue();
        assertThat(key("PatientName", "王^建国^^").matches("王^建国")).isTrue();
        assertThat(key("PatientName", "wang^jianguo").matches(dicom)).isTrue();
        assertThat(key("PatientName", "王?国").matches("王^建国")).isFalse();
        assertThat(key("PatientName", "王??国").matches("王^建国")).isTrue();
        assertThat(key("PatientName", "王*").matches("欧阳^修")).isFalse();
        assertThat(key("PatientName", "=王*").matches(dicom)).as("the ideographic group only").isTrue();
        assertThat(key("PatientName", "王*=").matches(dicom)).as("the alphabetic group only").isFalse();
        assertThat(key("ScheduledStationAETitle", "CT1_AE").matches("ct1_ae")).as("an AE title is exact").isFalse();
        assertThat(key("ScheduledStationAETitle", "CT*").matches("CT2_AE")).isTrue();
    }

    @Test
    void malformedDatesAndTimesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> key("ScheduledProcedureStepStartDate", "2026-12-07"))
                .isInstanceOf(Matching.BadKey.class).hasMessageContaining("2026-12-07 is not a date");
        assertThatThrownBy(() -> key("ScheduledProcedureStepStartDate", "20261332")).hasMessageContaining("20261332");
        assertThatThrownBy(() -> key("ScheduledProcedureStepStartDate", "20261208-20261207"))
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> key("ScheduledProcedureStepStartTime", "25")).hasMessageContaining("not a time");
        assertThat(Matching.universal("*")).isTrue();
        assertThat(Matching.universal("")).isTrue();
    }
}
