package org.fovea.app.ui.tools;

import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import org.fovea.app.view.Tool;

/** Small line drawings for the reading tools' buttons, 16 x 16, in the colour the tool draws with. */
final class ToolIcons {

    private ToolIcons() {
    }

    static Node of(Tool tool) {
        String path = switch (tool) {
            case MAGNIFIER -> "M6.5 1.5a5 5 0 1 0 0.01 0 M10 10 L15 15";
            case POINT -> "M8 1 V15 M1 8 H15 M5.5 8 a2.5 2.5 0 1 0 5 0 a2.5 2.5 0 1 0 -5 0";
            case LENGTH -> "M2 14 L14 2 M0.5 12.5 L3.5 15.5 M12.5 0.5 L15.5 3.5";
            case POLYLINE -> "M1 14 L5 5 L10 10 L15 2";
            case ANGLE -> "M2 14 H15 M2 14 L12 3 M7 14 a5 5 0 0 0 -1.6 -3.7";
            case COBB -> "M1 5 L15 2 M1 12 L15 15 M7 4 L9 13";
            case ELLIPSE, OVAL -> "M1.5 8 a6.5 4.5 0 1 0 13 0 a6.5 4.5 0 1 0 -13 0";
            case RECTANGLE, BOX -> "M2 3 H14 V13 H2 Z";
            case POLYGON -> "M3 2 L14 5 L12 14 L2 11 Z";
            case FREEHAND -> "M3 8 C3 2 13 1 13 7 C13 13 6 15 4 12 Z";
            case LASSO -> "M8 2 C14 2 15 8 9 9 C4 10 1 6 5 3 M9 9 L7 15";
            case CARDIOTHORACIC -> "M1 4 H15 M4 11 H12 M1 2 V6 M15 2 V6 M4 9 V13 M12 9 V13";
            case CALIBRATION -> "M1 11 H15 M2 11 V7 M5 11 V9 M8 11 V7 M11 11 V9 M14 11 V7";
            case ARROW -> "M2 14 L14 2 M14 2 L8 3 M14 2 L13 8";
            case TEXT -> "M3 3 H13 M8 3 V14 M6 14 H10";
            case SCRIBBLE -> "M1 11 C4 2 6 14 9 6 S13 10 15 3";
            default -> "M8 8";
        };
        SVGPath svg = new SVGPath();
        svg.setContent(path);
        svg.setFill(null);
        svg.setStroke(tool.draws().map(k -> k.measurement() ? MarkLayer.MEASURE : MarkLayer.ANNOTATE)
                .orElse(Color.web("#cfd8dc")));
        svg.setStrokeWidth(1.5);
        svg.setStrokeLineCap(StrokeLineCap.ROUND);
        svg.setStrokeLineJoin(StrokeLineJoin.ROUND);
        return svg;
    }
}
