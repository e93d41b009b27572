package org.fovea.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rate a multi-frame image was recorded at, as cine plays it. */
class FrameTimingTest {

    private static AttributeList with(AttributeTag tag, boolean integer, String... values) throws Exception {
        AttributeList list = new AttributeList();
        var a = integer ? new IntegerStringAttribute(tag) : new DecimalStringAttribute(tag);
        for (String v : values) {
            a.addValue(v);
        }
        list.put(a);
        return list;
    }

    @Test
    void frameTimeFrameTimeVectorAndTheRatesAreReadInThatOrder() throws Exception {
        assertThat(FrameTiming.rate(with(new AttributeTag(0x0018, 0x1063), false, "40")).getAsDouble())
                .isCloseTo(25, within(1e-9));
        // the first entry is the first frame's (0); 40, 40 and 50 ms follow
        assertThat(FrameTiming.rate(with(new AttributeTag(0x0018, 0x1065), false, "0", "40", "40", "50")).getAsDouble())
                .isCloseTo(3000 / 130.0, within(1e-9));
        assertThat(FrameTiming.rate(with(new AttributeTag(0x0008, 0x2144), true, "30")).getAsDouble()).isEqualTo(30);
        assertThat(FrameTiming.rate(with(new AttributeTag(0x0018, 0x0040), true, "12")).getAsDouble()).isEqualTo(12);
        assertThat(FrameTiming.rate(new AttributeList())).isEmpty();
        assertThat(FrameTiming.rate(with(new AttributeTag(0x0018, 0x1063), false, "0"))).as("no time is no rate").isEmpty();
    }
}
