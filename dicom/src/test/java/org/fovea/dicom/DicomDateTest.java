package org.fovea.dicom;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DicomDateTest {

    @Test
    void eightDigitsThatMakeACalendarDateAreADate() {
        assertThat(DicomDate.parse("20240315")).contains(LocalDate.of(2024, 3, 15));
        assertThat(DicomDate.parse("20240229")).contains(LocalDate.of(2024, 2, 29));
        assertThat(DicomDate.parse(" 20240315 ")).as("DA is space-padded to an even length")
                .contains(LocalDate.of(2024, 3, 15));
    }

    @Test
    void theAcrNemaDottedFormIsReadToo() {
        assertThat(DicomDate.parse("1998.07.04")).contains(LocalDate.of(1998, 7, 4));
    }

    @Test
    void anythingElseIsNoDateRatherThanAGuess() {
        assertThat(DicomDate.parse("20230229")).as("not a leap year").isEmpty();
        assertThat(DicomDate.parse("20241301")).isEmpty();
        assertThat(DicomDate.parse("202403")).as("partial").isEmpty();
        assertThat(DicomDate.parse("20240315123000")).as("a DT is not a DA").isEmpty();
        assertThat(DicomDate.parse("20240101-20240131")).as("a range").isEmpty();
        assertThat(DicomDate.parse("2024-03-15")).isEmpty();
        assertThat(DicomDate.parse("")).isEmpty();
        assertThat(DicomDate.parse(null)).isEmpty();
    }

    @Test
    void formatWritesTheDaForm() {
        assertThat(DicomDate.format(LocalDate.of(2024, 3, 5))).isEqualTo("20240305");
        assertThat(DicomDate.parse(DicomDate.format(LocalDate.of(1900, 1, 1)))).contains(LocalDate.of(1900, 1, 1));
    }
}
