package org.fovea.dicom.archive;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a user may type a name written in Chinese characters: its full pinyin without tones
 * (王建国 → wangjianguo) and its initials (wjg), through pinyin4j's dictionary. A polyphonic
 * character gives every reading (单 → dan, chan, shan; 曾 → ceng, zeng), because the dictionary
 * does not know which one a name uses; ü is written both as v, as Chinese input methods type
 * it (吕 → lv), and as u, as passports do.
 */
final class PinyinForms {

    /**
     * At most this many full forms (and as many initials) per name group. Names are 2-4
     * characters and most characters have one reading (pinyin4j's table: of the 20,377 characters
     * in U+4E00-U+9FA5 it reads, 19,121 have one, 1,153 two, 103 three or more), so a real name
     * stays far below: 单曾长 gives 12. The limit keeps a pathological text from growing the key without end; past
     * it the dictionary's first readings, its common ones, are kept.
     */
    static final int MAX_FORMS = 64;

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private PinyinForms() {
    }

    /**
     * The full pinyin and initials forms of a text (one group of a name, lower case, without
     * separators), or nothing when it holds no Chinese character. Letters and digits around the
     * characters are kept; other marks (the middle dot of transcribed names) are left out.
     */
    static List<String> of(String text) {
        List<List<String>> readings = new ArrayList<>();
        List<List<String>> initials = new ArrayList<>();
        boolean chinese = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            List<String> r = Character.isBmpCodePoint(cp) ? readings((char) cp) : List.of();
            if (!r.isEmpty()) {
                chinese = true;
                readings.add(r);
                initials.add(r.stream().map(s -> s.substring(0, 1)).distinct().toList());
            } else if (Character.isLetterOrDigit(cp)) {
                String kept = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
                readings.add(List.of(kept));
                initials.add(List.of(kept));
            }
        }
        if (!chinese) {
            return List.of();
        }
        Set<String> forms = new LinkedHashSet<>(combinations(readings));
        forms.addAll(combinations(initials));
        return List.copyOf(forms);
    }

    /** A character's distinct readings without tones, ü both as v and as u; empty when it has none. */
    private static List<String> readings(char ch) {
        String[] raw;
        try {
            raw = PinyinHelper.toHanyuPinyinStringArray(ch, FORMAT);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin4j refused the output format", e);
        }
        if (raw == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String r : raw) {
            distinct.add(r);
        }
        for (String r : List.copyOf(distinct)) {
            if (r.indexOf('v') >= 0) {
                distinct.add(r.replace('v', 'u'));
            }
        }
        return List.copyOf(distinct);
    }

    /** Every way to pick one string per position, in order, up to {@link #MAX_FORMS}. */
    private static List<String> combinations(List<List<String>> choices) {
        List<String> forms = List.of("");
        for (List<String> options : choices) {
            List<String> next = new ArrayList<>();
            for (String prefix : forms) {
                for (String option : options) {
                    if (next.size() < MAX_FORMS) {
                        next.add(prefix + option);
                    }
                }
            }
            forms = next;
        }
        return forms;
    }
}
