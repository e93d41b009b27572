package org.fovea.reporting.workflow;

import java.util.Locale;
import java.util.Map;

/**
 * How many levels of sign-off the department asks for (P2): a default, and overrides by exam item
 * (e.g. "CT胸部增强": 3) and by modality (e.g. "DX": 1). The exam item wins over the modality.
 */
public record SignOffPolicy(int defaultLevels, Map<String, Integer> byModality, Map<String, Integer> byExam) {

    /** Two levels everywhere: the author submits, a senior signs final. */
    public static final SignOffPolicy DEFAULT = new SignOffPolicy(2, Map.of(), Map.of());

    public SignOffPolicy {
        byModality = Map.copyOf(byModality == null ? Map.of() : byModality);
        byExam = Map.copyOf(byExam == null ? Map.of() : byExam);
        check(defaultLevels, "the default");
        byModality.forEach((k, v) -> check(v, k));
        byExam.forEach((k, v) -> check(v, k));
    }

    private static void check(int levels, String what) {
        if (levels < 1 || levels > 3) {
            throw new IllegalArgumentException("Sign-off has 1 to 3 levels; " + what + " asks for " + levels);
        }
    }

    public int levelsFor(String modality, String examItem) {
        Integer exam = examItem == null ? null : byExam.get(examItem.strip());
        if (exam != null) {
            return exam;
        }
        Integer m = modality == null ? null : byModality.get(modality.strip().toUpperCase(Locale.ROOT));
        return m != null ? m : defaultLevels;
    }
}
