package org.fovea.app.view;

import java.time.Period;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Sex and age as a radiologist reads them in the corner of an image: "男 58岁" or "M 58Y". The
 * age comes from Patient's Age (AS, e.g. 058Y) or, when absent, from birth date to study date,
 * because many Chinese modalities leave Patient's Age empty.
 */
public final class Demographics {

    private Demographics() {
    }

    public static String sexAndAge(String sex, String age, String birthDate, String studyDate, ResourceBundle b) {
        String s = sex(sex, b);
        String a = age(age, birthDate, studyDate, b);
        if (s.isEmpty()) {
            return a;
        }
        return a.isEmpty() ? s : s + " " + a;
    }

    public static String sex(String sex, ResourceBundle b) {
        String key = "sex." + (sex == null ? "" : sex.trim().toUpperCase(java.util.Locale.ROOT));
        return b.containsKey(key) ? b.getString(key) : (sex == null ? "" : sex.trim());
    }

    public static String age(String age, String birthDate, String studyDate, ResourceBundle b) {
        if (age != null && age.trim().matches("\\d{1,3}[DWMY]")) {
            String a = age.trim();
            int n = Integer.parseInt(a.substring(0, a.length() - 1));
            return Messages.format(b, "age." + a.charAt(a.length() - 1), String.valueOf(n));
        }
        Optional<Period> p = DicomDates.parseDate(birthDate)
                .flatMap(born -> DicomDates.parseDate(studyDate).map(on -> Period.between(born, on)));
        if (p.isEmpty() || p.get().isNegative()) {
            return "";
        }
        Period period = p.get();
        if (period.getYears() >= 2) {
            return Messages.format(b, "age.Y", String.valueOf(period.getYears()));
        }
        return Messages.format(b, "age.M", String.valueOf(period.getYears() * 12 + period.getMonths()));
    }
}
