package org.fovea.app.hanging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hangs a study by a protocol: picks its priors among the patient's other studies (most recent
 * first, the same modality when the protocol asks) and, stage by stage, the series and window
 * preset of each viewport. Pure: studies in, a plan out; the viewer carries it out.
 */
public final class Hanging {

    /** One viewport of a stage: which study and series (null when nothing fits), which preset. */
    public record Viewport(StudyInfo study, SeriesInfo series, String preset) {
    }

    /**
     * A stage as hung: its grid (or its custom layout, "1+3"; empty for a grid) and viewports, row
     * by row, and whether they scroll together.
     */
    public record Stage(String name, int rows, int columns, List<Viewport> viewports, boolean linked, String layout) {
    }

    /** A protocol applied: the priors it hung and its stages. */
    public record Plan(HangingProtocol protocol, List<StudyInfo> priors, List<Stage> stages) {
    }

    private Hanging() {
    }

    /** The priors a protocol hangs, most recent first, from the patient's other studies. */
    public static List<StudyInfo> priors(HangingProtocol p, StudyInfo current, List<StudyInfo> others) {
        return others.stream()
                .filter(o -> !o.studyUid().equals(current.studyUid()))
                .filter(o -> o.patientId().equals(current.patientId()) && !current.patientId().isBlank())
                .filter(o -> current.date() == null || o.date() == null || !o.date().isAfter(current.date()))
                .filter(o -> !p.priors().sameModality() || o.modalities().stream()
                        .anyMatch(m -> current.modalities().contains(m)))
                .sorted(Comparator.comparing(StudyInfo::date, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(p.priors().count())
                .toList();
    }

    public static Plan plan(HangingProtocol p, StudyInfo current, List<StudyInfo> others) {
        return planWith(p, current, priors(p, current, others));
    }

    /** The plan with the priors the reader chose (a click on the timeline), in the protocol's prior places. */
    public static Plan planWith(HangingProtocol p, StudyInfo current, List<StudyInfo> priors) {
        List<Stage> stages = new ArrayList<>();
        for (HangingProtocol.Stage s : p.stages()) {
            List<Viewport> cells = new ArrayList<>();
            for (HangingProtocol.Cell c : s.cells()) {
                StudyInfo study = c.study() == 0 ? current : c.study() <= priors.size() ? priors.get(c.study() - 1) : null;
                SeriesInfo series = study == null ? null : pick(c.series(), study.series()).orElse(null);
                cells.add(new Viewport(study, series, c.preset()));
            }
            stages.add(new Stage(s.name(), s.rows(), s.columns(), cells, s.linked(), s.layout()));
        }
        return new Plan(p, priors, stages);
    }

    /**
     * A series by the rule: by number when given; else among those whose description holds one of
     * the words (all when none given) and whose plane is the one asked, the one with the most
     * images (the thin reconstruction, not the scout).
     */
    static Optional<SeriesInfo> pick(HangingProtocol.Series rule, List<SeriesInfo> series) {
        if (rule.number() != null) {
            Optional<SeriesInfo> byNumber = series.stream().filter(s -> rule.number().equals(s.number())).findFirst();
            if (byNumber.isPresent()) {
                return byNumber;
            }
        }
        List<SeriesInfo> fit = series.stream()
                .filter(s -> rule.descriptionContains().isEmpty() || rule.descriptionContains().stream()
                        .anyMatch(w -> s.description().toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT))))
                .filter(s -> rule.plane() == null || s.plane() == rule.plane())
                .toList();
        if (fit.isEmpty()) {
            // the words or plane did not fit any series: the largest one still shows the study
            fit = series;
        }
        return fit.stream().max(Comparator.comparingInt(SeriesInfo::images));
    }
}
