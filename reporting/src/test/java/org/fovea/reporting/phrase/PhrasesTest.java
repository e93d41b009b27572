package org.fovea.reporting.phrase;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhrasesTest {

    private final Phrases phrases = Phrases.load();

    @Test
    void aShortcutComesFirstAndOnlyTheBodyPartsPhrasesAreOffered() {
        assertThat(phrases.search("CHEST", "fwl").get(0).text()).startsWith("双肺纹理清晰");
        assertThat(phrases.search("CHEST", "")).allMatch(p -> p.bodyPart().equals("胸部") || p.bodyPart().isEmpty());
        assertThat(phrases.search("HEAD", "fwl")).isEmpty();
    }

    @Test
    void wordsAndTheirPinyinInitialsFindAPhrase() {
        assertThat(phrases.search("胸部", "磨玻璃")).extracting(Phrase::shortcut).contains("mbl");
        assertThat(phrases.search("腹部", "zfg")).extracting(Phrase::text).contains("脂肪肝。");
        // 肝囊肿: gan nang zhong, typed as initials that are no shortcut
        assertThat(phrases.search("ABDOMEN", "gnz")).extracting(Phrase::text).contains("肝囊肿。");
        assertThat(phrases.search("", "jyfc")).extracting(Phrase::kind).containsOnly("impression");
        assertThat(phrases.byShortcut("XFWYC")).map(Phrase::text).contains("心肺膈未见明显异常。");
    }
}
