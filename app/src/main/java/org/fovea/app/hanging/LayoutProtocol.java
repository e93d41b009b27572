package org.fovea.app.hanging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * "Save layout as protocol": what is on screen now, written as a protocol that hangs the next
 * study like it the same way. It matches the open study's image modalities and body part; each
 * viewport takes the same study (the open one, or the n-th most recent prior shown) and the series
 * of the same plane with the most images — the thin reconstruction of next year's study, whatever
 * its number — with its description only where two viewports of one study show different series
 * of one plane; and the window preset shown, when the window is one.
 */
public final class LayoutProtocol {

    /** One viewport as shown; null entries are empty viewports. */
    public record Shown(String studyUid, LocalDate studyDate, String seriesUid, String seriesDescription,
                        SeriesInfo.Plane plane, String preset) {
    }

    private LayoutProtocol() {
    }

    public static HangingProtocol of(String name, StudyInfo current, int rows, int columns, List<Shown> viewports) {
        return of(name, current, rows, columns, "", viewports);
    }

    /** The same, for a custom layout ({@link HangingProtocol#CUSTOM_LAYOUTS}; empty for the grid). */
    public static HangingProtocol of(String name, StudyInfo current, int rows, int columns, String layout,
                                     List<Shown> viewports) {
        List<Shown> shown = new ArrayList<>(viewports);
        while (!shown.isEmpty() && shown.get(shown.size() - 1) == null) {
            shown.remove(shown.size() - 1);
        }
        // the priors on screen, most recent first: their places in the protocol
        List<String> priors = shown.stream().filter(Objects::nonNull).filter(s -> !s.studyUid().equals(current.studyUid()))
                .sorted(Comparator.comparing(Shown::studyDate, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(Shown::studyUid).distinct().toList();
        List<HangingProtocol.Cell> cells = new ArrayList<>();
        for (Shown s : shown) {
            if (s == null) {
                // an empty viewport between others: the open study's largest series
                cells.add(new HangingProtocol.Cell(0, new HangingProtocol.Series(List.of(), null, null, true), ""));
                continue;
            }
            int study = s.studyUid().equals(current.studyUid()) ? 0 : priors.indexOf(s.studyUid()) + 1;
            SeriesInfo.Plane plane = switch (s.plane()) {
                case AXIAL, CORONAL, SAGITTAL -> s.plane();
                default -> null;
            };
            boolean ambiguous = shown.stream().filter(Objects::nonNull).anyMatch(o -> o.studyUid().equals(s.studyUid())
                    && o.plane() == s.plane() && !o.seriesUid().equals(s.seriesUid()));
            List<String> words = ambiguous && !s.seriesDescription().isBlank() ? List.of(s.seriesDescription()) : List.of();
            cells.add(new HangingProtocol.Cell(study, new HangingProtocol.Series(words, null, plane, true), s.preset()));
        }
        List<String> bodyParts = current.bodyPart().isBlank() ? List.of() : List.of(current.bodyPart());
        return new HangingProtocol(name, new HangingProtocol.Match(List.copyOf(new LinkedHashSet<>(current.modalities())),
                bodyParts, List.of(), ""), new HangingProtocol.Priors(priors.size(), true),
                List.of(new HangingProtocol.Stage("saved layout", rows, columns, cells, true, layout)));
    }
}
