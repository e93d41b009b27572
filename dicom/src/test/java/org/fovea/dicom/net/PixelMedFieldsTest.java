package org.fovea.dicom.net;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PixelMed fields {@link Associations} reaches by reflection are in the PixelMed on the class
 * path, with the types the code needs. At run time a missing one is only a warning in the log,
 * while the workstation quietly loses cancel and read timeouts (the socket), quick ACKs (the input
 * stream) or the short release wait: an upgrade of PixelMed that renames one must fail here.
 */
class PixelMedFieldsTest {

    @Test
    void everyFieldReachedByReflectionIsThere() {
        assertThat(Associations.pixelMedFields())
                .as("PixelMed's Association fields that Associations uses (null: missing or of another type)")
                .isNotEmpty()
                .doesNotContainValue(null);
    }

    @Test
    void theReleaseWaitIsShortenedToOneMillisecond() throws Exception {
        assertThat(Associations.RELEASE_WAIT).isNotNull();
        assertThat(Modifier.isStatic(Associations.RELEASE_WAIT.getModifiers())).isTrue();
        assertThat(Associations.RELEASE_WAIT.getInt(null)).isEqualTo(1);
    }
}
