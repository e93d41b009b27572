package org.fovea.testsupport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PnmTest {

    @Test
    void readsAGrayImageWithAHeaderComment() {
        Pnm p = Pnm.parse(image("P5\n# dcmj2pnm\n3 2\n255\n", 0, 1, 2, 10, 20, 255));

        assertThat(p.width()).isEqualTo(3);
        assertThat(p.height()).isEqualTo(2);
        assertThat(p.channels()).isEqualTo(1);
        assertThat(p.sample(0, 1, 0)).isEqualTo(10);
        assertThat(p.sample(2, 1, 0)).isEqualTo(255);
    }

    /** 10 (a newline byte) as the first sample must not be taken for header whitespace. */
    @Test
    void readsAColourImageWhoseFirstSampleLooksLikeWhitespace() {
        Pnm p = Pnm.parse(image("P6 2 1 255\n", 10, 32, 3, 4, 5, 6));

        assertThat(p.channels()).isEqualTo(3);
        assertThat(p.sample(0, 0, 0)).isEqualTo(10);
        assertThat(p.sample(0, 0, 1)).isEqualTo(32);
        assertThat(p.sample(1, 0, 2)).isEqualTo(6);
    }

    @Test
    void refusesSixteenBitSamplesAndACutOffImage() {
        assertThatThrownBy(() -> Pnm.parse(image("P5 1 1 65535\n", 0, 0)))
                .hasMessage("expected 8-bit samples, the maximum value is 65535");
        assertThatThrownBy(() -> Pnm.parse(image("P5 2 2 255\n", 1, 2, 3)))
                .hasMessage("cut off: 2x2x1 needs 4 bytes, 3 follow the header");
        assertThatThrownBy(() -> Pnm.parse(image("P2 1 1 255\n", 0)))
                .hasMessage("not a binary PGM or PPM: magic P2");
    }

    private static byte[] image(String header, int... samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int s : samples) {
            out.write(s);
        }
        return out.toByteArray();
    }
}
