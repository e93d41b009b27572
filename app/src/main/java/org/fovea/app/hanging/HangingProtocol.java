package org.fovea.app.hanging;

import java.util.List;
import java.util.Locale;

/**
 * A hanging protocol (V30, P5), as a department writes it in JSON: which studies it is for, how
 * many priors it wants, and its stages — each a grid of viewports saying which study (the current
 * one, or the n-th prior), which series and which window preset goes where. Readable and
 * editable: the files live under {@code FOVEA_HOME/settings/hanging/}.
 */
public record HangingProtocol(String name, Match match, Priors priors, List<Stage> stages) {

    public HangingProtocol {
        match = match == null ? new Match(List.of(), List.of(), List.of(), "") : match;
        priors = priors == null ? new Priors(0, true) : priors;
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /**
     * Which studies: modalities (one must be in the study), body parts and description words (any
     * one found counts), institution (when given, must be contained).
     */
    public record Match(List<String> modalities, List<String> bodyParts, List<String> descriptionContains,
                        String institution) {

        public Match {
            modalities = modalities == null ? List.of() : List.copyOf(modalities);
            bodyParts = bodyParts == null ? List.of() : List.copyOf(bodyParts);
            descriptionContains = descriptionContains == null ? List.of() : List.copyOf(descriptionContains);
            institution = institution == null ? "" : institution;
        }
    }

    /** How many priors to hang: the most recent {@code count} of the same patient, of the same modality if asked. */
    public record Priors(int count, boolean sameModality) {
    }

    /**
     * The layouts other than grids, by the name a stage gives in {@code "layout"}, with how many
     * viewports each has: "1+3" is one large viewport beside three small ones.
     */
    public static final java.util.Map<String, Integer> CUSTOM_LAYOUTS = java.util.Map.of("1+3", 4);

    /**
     * One screenful: a grid (or, when {@code layout} names one of {@link #CUSTOM_LAYOUTS}, that
     * layout) and what goes in each of its cells, row by row.
     */
    public record Stage(String name, int rows, int columns, List<Cell> cells, boolean linked,
                        @com.fasterxml.jackson.annotation.JsonInclude(
                                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) String layout) {

        public Stage {
            cells = cells == null ? List.of() : List.copyOf(cells);
            layout = layout == null ? "" : layout.strip();
        }

        /** A grid of rows × columns. */
        public Stage(String name, int rows, int columns, List<Cell> cells, boolean linked) {
            this(name, rows, columns, cells, linked, "");
        }

        /** How many viewports the stage's layout has. */
        public int viewports() {
            return layout.isEmpty() ? rows * columns : CUSTOM_LAYOUTS.getOrDefault(layout, rows * columns);
        }
    }

    /**
     * A viewport: {@code study} 0 is the current study, 1 the most recent prior, and so on; the
     * series by description words, number, plane, or the one with the most images; a window
     * preset by name (as the viewer's presets are named: lung, mediastinum, bone, brain...).
     */
    public record Cell(int study, Series series, String preset) {

        public Cell {
            series = series == null ? new Series(List.of(), null, null, true) : series;
            preset = preset == null ? "" : preset.toLowerCase(Locale.ROOT);
        }
    }

    /** Which series: any of the words in its description, its number, its plane; else the largest. */
    public record Series(List<String> descriptionContains, Integer number, SeriesInfo.Plane plane, boolean mostImages) {

        public Series {
            descriptionContains = descriptionContains == null ? List.of() : List.copyOf(descriptionContains);
        }
    }
}
