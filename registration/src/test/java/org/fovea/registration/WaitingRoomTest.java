package org.fovea.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting-room screen's privacy: names partly masked as the department shows them. */
class WaitingRoomTest {

    @Test
    void namesArePartlyMasked() {
        assertThat(WaitingRoom.mask("王^建国")).isEqualTo("王*国");
        assertThat(WaitingRoom.mask("WANG^JIANGUO=王^建国")).isEqualTo("王*国");
        assertThat(WaitingRoom.mask("李^四")).isEqualTo("李*");
        assertThat(WaitingRoom.mask("欧阳^娜娜")).isEqualTo("欧**娜");
        assertThat(WaitingRoom.mask("ZHANG^WEI")).isEqualTo("Zhang W*");
        assertThat(WaitingRoom.mask("王")).isEqualTo("王");
    }
}
