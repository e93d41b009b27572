package org.fovea.app.ui.viewer;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

import java.util.List;

/**
 * The viewports in a rows × columns layout (1x1, 1x2, 2x2; V28). Viewports keep their series
 * when the layout changes, so going from 2x2 to 1x1 and back loses nothing.
 */
public final class ViewportGrid {

    /** The layouts offered, as rows × columns. */
    public enum Layout {
        ONE_BY_ONE(1, 1), ONE_BY_TWO(1, 2), TWO_BY_TWO(2, 2);

        public final int rows;
        public final int columns;

        Layout(int rows, int columns) {
            this.rows = rows;
            this.columns = columns;
        }

        int cells() { return rows * columns; }
    }

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

    /** The viewports the current layout shows, row by row. */
    List<Viewport> visible() { return viewports.subList(0, layout.cells()); }

    void setLayout(Layout l) {
        layout = l;
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < l.columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / l.columns);
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
            grid.add(pane, i % l.columns, i / l.columns);
        }
    }
}
