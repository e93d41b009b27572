package org.fovea.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Header strings decoded with their Specific Character Set, as DCMTK decodes them. */
class CharacterSetTest {
    private static final Pattern PN = Pattern.compile("\\(0010,0010\\) PN \\[(.*)\\]");

    @ParameterizedTest
    @ValueSource(strings = {"chinese-GB18030.dcm", "chinese-GBK.dcm", "chinese-ISO_IR_192.dcm"})
    void chinese(String name) throws Exception {
        ImageHeader header = HeaderReader.read(Corpus.file("charsets", name));
        assertThat(header.patientName()).isEqualTo("张伟^=ZHANG^WEI");
        assertThat(header.studyDescription()).isEqualTo("胸部CT平扫");
    }

    /** Every file DCMTK (through iconv) can convert to UTF-8 gives the patient name DCMTK gives. */
    @ParameterizedTest
    @ValueSource(strings = {"clunie-SCSARAB.dcm", "clunie-SCSFREN.dcm", "clunie-SCSGERM.dcm", "clunie-SCSGREEK.dcm",
            "clunie-SCSHBRW.dcm", "clunie-SCSI2.dcm", "clunie-SCSRUSS.dcm", "clunie-SCSX1.dcm", "clunie-SCSX2.dcm",
            "chinese-GB18030.dcm", "chinese-GBK.dcm", "chinese-ISO_IR_192.dcm", "Lena-utf8.dcm", "Lena-latin1.dcm",
            "Lena-cyrillic.dcm", "Lena-greek.dcm", "Lena-arabic.dcm", "Lena-hebrew.dcm", "Lena-tis-620.dcm"})
    void patientNameAsDcmtkConvertsIt(String name) throws Exception {
        Path file = Corpus.file("charsets", name);
        Matcher m = PN.matcher(Dcmtk.run("dcmdump", "+U8", "+P", "0010,0010", file.toString()));
        assertThat(m.find()).as("dcmdump printed the patient name of %s", name).isTrue();
        assertThat(HeaderReader.read(file).patientName()).isEqualTo(m.group(1).trim());
    }

    /**
     * ISO 2022 with JIS X 0208 (ISO 2022 IR 87): DCMTK's iconv build cannot convert it, so the
     * names published with David Clunie's character-set test images are the reference.
     */
    @ParameterizedTest
    @CsvSource({"clunie-SCSH31.dcm, Yamada^Tarou=山田^太郎=やまだ^たろう",
            "clunie-SCSH32.dcm, ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"})
    void japaneseIso2022(String name, String expected) throws Exception {
        assertThat(DicomImage.read(Corpus.file("charsets", name)).header().patientName()).isEqualTo(expected);
    }

    @Test
    void koreanIso2022ThroughDicomImage() throws Exception {
        assertThat(DicomImage.read(Corpus.file("charsets", "clunie-SCSI2.dcm")).header().patientName())
                .isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
    }
}
