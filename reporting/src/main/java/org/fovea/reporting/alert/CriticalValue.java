package org.fovea.reporting.alert;

import java.time.Duration;
import java.util.List;

/**
 * A finding the department treats as a critical value, with its category and the time within
 * which the clinician must acknowledge it (red: 15 minutes; orange: 60).
 */
public record CriticalValue(String finding, Category category, int acknowledgeMinutes) {

    public enum Category { RED, ORANGE }

    public Duration acknowledgeWithin() {
        return Duration.ofMinutes(acknowledgeMinutes);
    }

    /** The starter catalogue, until the department sets its own. */
    public static final List<CriticalValue> DEFAULTS = List.of(
            new CriticalValue("张力性气胸", Category.RED, 15),
            new CriticalValue("主动脉夹层", Category.RED, 15),
            new CriticalValue("急性大面积脑梗死", Category.RED, 15),
            new CriticalValue("急性颅内出血", Category.RED, 15),
            new CriticalValue("肺动脉栓塞", Category.RED, 15),
            new CriticalValue("消化道穿孔", Category.RED, 15),
            new CriticalValue("多发肋骨骨折伴血气胸", Category.ORANGE, 60),
            new CriticalValue("脊柱骨折伴脊髓受压", Category.ORANGE, 60),
            new CriticalValue("肠梗阻", Category.ORANGE, 60));
}
