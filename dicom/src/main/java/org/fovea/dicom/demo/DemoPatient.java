package org.fovea.dicom.demo;

import java.time.LocalDate;
import java.time.Period;

/** The demo patient, a Chinese name in its alphabetic and ideographic groups. */
public final class DemoPatient {

    /** DICOM PN: alphabetic group = ideographic group. */
    public static final String NAME = "WANG^JIANGUO=王^建国";
    public static final String ID = "FV0001";
    public static final String SEX = "M";
    public static final LocalDate BIRTH_DATE = LocalDate.of(1968, 5, 12);

    private DemoPatient() {
    }

    /** Patient's Age (AS) on a study date, e.g. "057Y". */
    static String ageOn(LocalDate studyDate) {
        return String.format("%03dY", Period.between(BIRTH_DATE, studyDate).getYears());
    }
}
