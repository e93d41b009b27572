package org.fovea.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A copy with the Accession Number set, every other element as it was, as DCMTK's dcmdump reads
 * both: over every transfer syntax and character set of the shared corpus (the names in ISO 2022
 * Japanese and Korean that PixelMed's own round trip turned into '?' included), with the group
 * length of old files changed by what was added, and the user's file untouched.
 */
class AccessionFillTest {

    private static final String ACCESSION = "CT20261204-0007";
    private static final Pattern ACCESSION_LINE = Pattern.compile("^\\(0008,0050\\) SH \\[(.*?)\\]", Pattern.MULTILINE);
    private static final Pattern GROUP_LENGTH = Pattern.compile("^\\(0008,0000\\) UL (\\d+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    static Stream<Path> corpus() throws Exception {
        try (Stream<Path> ts = Files.list(Corpus.dir("transfer-syntaxes"));
             Stream<Path> cs = Files.list(Corpus.dir("charsets"))) {
            return Stream.concat(ts.toList().stream(), cs.toList().stream())
                    .filter(p -> p.toString().endsWith(".dcm") && !p.getFileName().toString().startsWith(
                            "1.2.840.10008.1.2.1.99")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void onlyTheAccessionNumberChanges(Path original) throws Exception {
        String before = sha256(original);
        Path copy = dir.resolve("copy.dcm");
        AccessionFill.copy(original, copy, ACCESSION);

        assertThat(sha256(original)).as("the user's file").isEqualTo(before);
        String was = Dcmtk.run("dcmdump", "-q", original.toString());
        String now = Dcmtk.run("dcmdump", "-q", copy.toString());
        Matcher m = ACCESSION_LINE.matcher(now);
        assertThat(m.find()).as(now).isTrue();
        assertThat(m.group(1)).isEqualTo(ACCESSION);
        assertThat(others(now)).as("every element but the accession and its group length")
                .isEqualTo(others(was));
        Matcher lengthNow = GROUP_LENGTH.matcher(now);
        Matcher lengthWas = GROUP_LENGTH.matcher(was);
        assertThat(lengthNow.find()).isEqualTo(lengthWas.find());
        if (lengthWas.find(0)) {
            // by the bytes added, not recomputed: the JPEG Baseline file's own is 12 bytes off already
            assertThat(Long.parseLong(lengthNow.group(1)) - Long.parseLong(lengthWas.group(1)))
                    .as("the group length counts the bytes added").isEqualTo(group0008(copy) - group0008(original));
        }
        ImageHeader read = HeaderReader.read(copy);
        assertThat(read.accessionNumber()).isEqualTo(ACCESSION);
        assertThat(read.patientName()).isEqualTo(HeaderReader.read(original).patientName());
    }

    @Test
    void anAccessionAlreadyThereIsReplaced() throws Exception {
        Path first = dir.resolve("first.dcm");
        Path second = dir.resolve("second.dcm");
        Path original = Corpus.dir("charsets").resolve("chinese-GB18030.dcm");
        AccessionFill.copy(original, first, "MR20260101-0001");
        AccessionFill.copy(first, second, ACCESSION);
        assertThat(HeaderReader.read(second).accessionNumber()).isEqualTo(ACCESSION);
        assertThat(Files.size(second)).isEqualTo(Files.size(first));
        assertThat(HeaderReader.read(second).patientName()).isEqualTo("张伟^=ZHANG^WEI");
    }

    @Test
    void aDeflatedFileIsRefusedWithTheReason() throws Exception {
        Path deflated = Corpus.dir("transfer-syntaxes").resolve("1.2.840.10008.1.2.1.99.dcm");
        Path copy = dir.resolve("copy.dcm");
        assertThatThrownBy(() -> AccessionFill.copy(deflated, copy, ACCESSION))
                .isInstanceOf(DicomReadException.class)
                .hasMessage("1.2.840.10008.1.2.1.99.dcm: its data set is deflated, so the accession number cannot be "
                        + "set without encoding the whole file again");
        assertThat(copy).doesNotExist();
        assertThat(List.of(dir.toFile().list())).isEmpty();
    }

    @Test
    void aValueThatIsNoShortStringIsRefused() {
        Path original = Corpus.dir("charsets").resolve("chinese-GB18030.dcm");
        assertThatThrownBy(() -> AccessionFill.copy(original, dir.resolve("c.dcm"), "CT20261204-000071"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 16 ASCII characters");
        assertThatThrownBy(() -> AccessionFill.copy(original, dir.resolve("c.dcm"), "检查1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long group0008(Path file) throws DicomReadException {
        return DataSetLayout.of(file, null).elements().stream()
                .filter(e -> e.tag() >>> 16 == 0x0008 && e.tag() != 0x00080000).mapToLong(e -> e.end() - e.start())
                .sum();
    }

    private static List<String> others(String dump) {
        return dump.lines().filter(l -> !l.startsWith("(0008,0050)") && !l.startsWith("(0008,0000)")).toList();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
