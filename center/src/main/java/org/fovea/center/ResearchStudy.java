package org.fovea.center;

import java.time.Instant;

/**
 * A reported study as a research platform sees it (X3, Q4): no name, ID, birth date, hospital,
 * accession or UID of the patient's, only keyed pseudonyms (the same patient of the same hospital
 * has the same {@code patient} across studies) and what research needs: modality, body part,
 * exam, sex, age in years at the request, how many images, when it was reported.
 */
public record ResearchStudy(String id, String patient, String modality, String bodyPart, String exam, String sex,
                            Integer age, int images, Instant reportedAt) {
}
