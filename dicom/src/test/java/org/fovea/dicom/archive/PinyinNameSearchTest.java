package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chinese users type a name in characters, in pinyin or by its initials; names stored only in
 * characters must be found all three ways, whichever reading a polyphonic character has.
 */
class PinyinNameSearchTest {

    @TempDir
    Path home;
    @TempDir
    Path in;
    LocalArchive archive;

    @BeforeEach
    void importPatients() {
        archive = LocalArchive.open(home);
        List<Path> files = List.of(
                TinyImage.of("王^建国", "CN1").write(in),
                TinyImage.of("=单^伟", "CN2").write(in),
                TinyImage.of("曾长乐", "CN3").write(in),
                TinyImage.of("吕^洋", "CN4").write(in),
                TinyImage.of("ZHANG^WEI=张^伟", "CN5").write(in),
                TinyImage.of("Smith^John", "EN1").write(in));
        ImportReport report = archive.importPaths(files, ImportListener.none(), CancelToken.none());
        assertThat(report.failures()).isEmpty();
    }

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void aNameInCharactersOnlyIsFoundByCharactersPinyinAndInitials() {
        for (String text : List.of("王建国", "王 建国", "王^建国", "wangjianguo", "wang jianguo", "WANG JIANGUO",
                "Wang^Jianguo", "jianguo", "wjg", "WJG", "jg")) {
            assertThat(found(text)).as(text).containsExactly("CN1");
        }
    }

    @Test
    void everyReadingOfAPolyphonicCharacterFindsTheName() {
        // 单 reads shan as a surname, dan and chan elsewhere; the dictionary cannot tell which
        for (String text : List.of("shanwei", "shan wei", "danwei", "chanwei", "sw", "dw")) {
            assertThat(found(text)).as(text).containsExactly("CN2");
        }
        // 曾 zeng or ceng, 长 chang or zhang, 乐 le or yue: stored without a separator
        for (String text : List.of("zengchangle", "cengzhangyue", "zeng changle", "changle", "zcl", "czy", "zzy")) {
            assertThat(found(text)).as(text).containsExactly("CN3");
        }
    }

    @Test
    void uUmlautIsTypedAsVOrU() {
        for (String text : List.of("lvyang", "luyang", "lv yang", "ly")) {
            assertThat(found(text)).as(text).containsExactly("CN4");
        }
    }

    @Test
    void namesWithAnAlphabeticGroupAreFoundByItAndByTheirCharacters() {
        for (String text : List.of("zhang wei", "ZHANG^WEI", "zhangwei", "张伟", "zw")) {
            assertThat(found(text)).as(text).containsExactly("CN5");
        }
        assertThat(found("smith john")).containsExactly("EN1");
        assertThat(found("wei")).containsExactlyInAnyOrder("CN2", "CN5");
        assertThat(found("%")).isEmpty();
        assertThat(found("w_g")).isEmpty();
        assertThat(found("o|w")).as("across the key's forms: guo|wjg").isEmpty();
    }

    @Test
    void aTextOfManyPolyphonicCharactersKeepsABoundedKey() {
        // 和 has four readings: eight of them would make 65,536 spellings
        List<String> forms = PinyinForms.of("和和和和和和和和");

        assertThat(forms).hasSizeLessThanOrEqualTo(2 * PinyinForms.MAX_FORMS)
                .contains("hehehehehehehehe", "hhhhhhhh");
    }

    private List<String> found(String text) {
        return archive.findStudies(StudyQuery.byName(text)).stream().map(StudySummary::patientId).toList();
    }

    @Test
    void namesFromAPacsAnswerMatchByTheSameRuleAsTheIndex() {
        for (String text : List.of("wjg", "wang jianguo", "王建国", "jianguo")) {
            assertThat(PersonNameSearch.matches("王^建国", text)).as(text).isTrue();
            assertThat(found(text)).as(text).containsExactly("CN1");
        }
        assertThat(PersonNameSearch.matches("ZHANG^WEI=张^伟", "zw")).isTrue();
        assertThat(PersonNameSearch.matches("王^建国", "zw")).isFalse();
        assertThat(PersonNameSearch.matches("王^建国", " ")).as("nothing typed matches nothing").isFalse();
        assertThat(PersonNameSearch.matches(null, "wjg")).isFalse();
    }
}
