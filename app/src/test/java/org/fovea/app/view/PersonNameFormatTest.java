package org.fovea.app.view;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNameFormatTest {

    @Test
    void chineseNameLeadsAndPinyinFollows() {
        assertThat(PersonNameFormat.display("WANG^JIANGUO=王^建国")).isEqualTo("王建国 (WANG JIANGUO)");
    }

    @Test
    void alphabeticOnlyNameIsSpaced() {
        assertThat(PersonNameFormat.display("DOE^JOHN^^DR")).isEqualTo("DOE JOHN DR");
    }

    @Test
    void ideographicOnlyNameHasNoParentheses() {
        assertThat(PersonNameFormat.display("=张^伟")).isEqualTo("张伟");
    }

    @Test
    void emptyNameIsEmpty() {
        assertThat(PersonNameFormat.display("")).isEmpty();
        assertThat(PersonNameFormat.display(null)).isEmpty();
    }
}
