package org.fovea.reporting.phrase;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.dicom.archive.PersonNameSearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typical phrases and the diagnostic knowledge base by body part (P13), shipped as data
 * ({@code phrases/phrases-zh.json}). Found by shortcut, by words, or by pinyin and initials of
 * the words (the study list's rule: "fwl" finds 双肺纹理清晰…), the phrases of the report's body
 * part first.
 */
public final class Phrases {

    /** DICOM Body Part Examined values as the phrases name them. */
    private static final Map<String, String> BODY_PARTS = Map.of("CHEST", "胸部", "LUNG", "胸部", "HEAD", "头颅",
            "BRAIN", "头颅", "ABDOMEN", "腹部", "KNEE", "膝关节");

    private final List<Phrase> all;

    private Phrases(List<Phrase> all) {
        this.all = List.copyOf(all);
    }

    public static Phrases load() {
        try (InputStream in = Phrases.class.getResourceAsStream("/phrases/phrases-zh.json")) {
            if (in == null) {
                throw new IllegalStateException("The phrase library is missing from the build");
            }
            return new Phrases(new ObjectMapper().readValue(in, new TypeReference<List<Phrase>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("The phrase library cannot be read: " + e.getMessage(), e);
        }
    }

    public List<Phrase> all() {
        return all;
    }

    /**
     * The phrases for a body part (DICOM value or Chinese name; empty for all) that match what was
     * typed: a shortcut it starts, words it contains, or pinyin/initials. Exact shortcuts first.
     */
    public List<Phrase> search(String bodyPart, String typed) {
        String part = bodyPart == null ? "" : BODY_PARTS.getOrDefault(bodyPart.trim().toUpperCase(Locale.ROOT), bodyPart.trim());
        String t = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        List<Phrase> exact = new ArrayList<>();
        List<Phrase> rest = new ArrayList<>();
        for (Phrase p : all) {
            if (!part.isEmpty() && !p.bodyPart().isEmpty() && !p.bodyPart().equals(part)) {
                continue;
            }
            if (t.isEmpty()) {
                rest.add(p);
            } else if (p.shortcut().equals(t)) {
                exact.add(p);
            } else if (p.shortcut().startsWith(t) || p.text().contains(typed.trim())
                    || PersonNameSearch.matches(p.text(), t)) {
                rest.add(p);
            }
        }
        exact.addAll(rest);
        return exact;
    }

    public Optional<Phrase> byShortcut(String shortcut) {
        return all.stream().filter(p -> p.shortcut().equalsIgnoreCase(shortcut.trim())).findFirst();
    }
}
