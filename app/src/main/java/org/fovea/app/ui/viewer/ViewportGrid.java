package org.fovea.app.ui.viewer;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

import java.util.List;

/**
 * The viewports in a layout (V28): grids from 1x1 to 4x4, and "1+3" (one large viewport beside
 * three small ones). Viewports keep their series when the layout changes, so going from 2x2 to
 * 1x1 and back loses nothing.
 */
public final class ViewportGrid {

    /** The layouts offered: rows × columns, or a custom arrangement of spanning cells. */
    public enum Layout {
        ONE_BY_ONE(1, 1), ONE_BY_TWO(1, 2), TWO_BY_ONE(2, 1), TWO_BY_TWO(2, 2), TWO_BY_THREE(2, 3),
        THREE_BY_THREE(3, 3), THREE_BY_FOUR(3, 4), FOUR_BY_FOUR(4, 4),
        /** One large viewport (two thirds of the width, full height) and three small ones beside it. */
        ONE_PLUS_THREE(3, 2, new int[][] {{0, 0, 1, 3}, {1, 0, 1, 1}, {1, 1, 1, 1}, {1, 2, 1, 1}}, new double[] {67, 33});

        public final int rows;
        public final int columns;
        /** Each cell as {column, row, column span, row span}; null for a plain grid. */
        private final int[][] spans;
        private final double[] columnPercents;

        Layout(int rows, int columns) {
            this(rows, columns, null, null);
        }

        Layout(int rows, int columns, int[][] spans, double[] columnPercents) {
            this.rows = rows;
            this.columns = columns;
            this.spans = spans;
            this.columnPercents = columnPercents;
        }

        public int cells() { return spans == null ? rows * columns : spans.length; }

        /** How the layout is named on buttons and menus: "2×2", "1+3". */
        public String label() {
            return spans == null ? rows + "×" + columns : "1+3";
        }

        /** Cell {@code i} as {column, row, column span, row span}. */
        int[] cell(int i) {
            return spans == null ? new int[] {i % columns, i / columns, 1, 1} : spans[i];
        }

        double columnPercent(int c) {
            return columnPercents == null ? 100.0 / columns : columnPercents[c];
        }
    }

    /** The most viewports any layout shows. */
    static final int MAX_CELLS = 16;

    private final GridPane grid = new GridPane();
    private final List<Viewport> viewports;
    private Layout layout;

    ViewportGrid(List<Viewport> viewports) {
        this.viewports = List.copyOf(viewports);
        grid.getStyleClass().add("viewport-grid");
        setLayout(Layout.ONE_BY_ONE);
    }

    GridPane node() { return grid; }

    Layout layout() { return layout; }

    /** The viewports the current layout shows, in cell order. */
    List<Viewport> visible() { return viewports.subList(0, layout.cells()); }

    /** Hides or shows the patient's identity on every viewport's overlay, drawn again at once. */
    void setAnonymous(boolean anonymous) {
        for (Viewport v : viewports) {
            v.pane().setAnonymous(anonymous);
            v.refreshOverlay();
        }
    }

    /** Which fields every viewport's four corners show (V26), drawn again at once. */
    void setOverlayLayouts(org.fovea.app.view.OverlayLayouts layouts) {
        for (Viewport v : viewports) {
            v.pane().setOverlayLayouts(layouts);
            v.refreshOverlay();
        }
    }

    /**
     * The View menu's layout items, "Layout 2×2" and so on, each with its accelerator: Ctrl+Alt+1
     * to 9 in the menu's order.
     */
    public static java.util.List<javafx.scene.control.MenuItem> menuItems(javafx.beans.binding.StringExpression word,
                                                                         java.util.function.Consumer<Layout> choose) {
        java.util.List<javafx.scene.control.MenuItem> items = new java.util.ArrayList<>();
        for (Layout l : Layout.values()) {
            javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem();
            m.textProperty().bind(word.concat(" " + l.label()));
            m.setOnAction(e -> choose.accept(l));
            m.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Alt+" + (l.ordinal() + 1)));
            items.add(m);
        }
        return items;
    }

    void setLayout(Layout l) {
        layout = l;
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < l.columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(l.columnPercent(c));
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < l.rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / l.rows);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < l.cells(); i++) {
            ViewportPane pane = viewports.get(i).pane();
            pane.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            int[] cell = l.cell(i);
            grid.add(pane, cell[0], cell[1], cell[2], cell[3]);
        }
    }
}
