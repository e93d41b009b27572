package org.fovea.app.view;

import java.util.Optional;
import org.fovea.render.measure.Kind;

/**
 * What the left mouse button does in a viewport; right, middle and wheel are fixed (DESIGN.md).
 * The navigation tools change the view; the others draw a mark of their {@link Kind}; the
 * magnifier shows a loupe. Each has a hotkey (none for the navigation tools, whose keys the
 * viewer already gives other meanings), shown in its tooltip.
 */
public enum Tool {
    SCROLL(null, '\0'),
    WINDOW_LEVEL(null, '\0'),
    ZOOM(null, '\0'),
    PAN(null, '\0'),
    MAGNIFIER(null, 'G'),
    POINT(Kind.POINT, 'V'),
    LENGTH(Kind.LENGTH, 'L'),
    POLYLINE(Kind.POLYLINE, 'O'),
    ANGLE(Kind.ANGLE, 'A'),
    COBB(Kind.COBB, 'C'),
    ELLIPSE(Kind.ELLIPSE, 'E'),
    RECTANGLE(Kind.RECTANGLE, 'Q'),
    POLYGON(Kind.POLYGON, 'P'),
    FREEHAND(Kind.FREEHAND, 'D'),
    LASSO(Kind.LASSO, 'S'),
    CARDIOTHORACIC(Kind.CARDIOTHORACIC, 'H'),
    CALIBRATION(Kind.CALIBRATION, 'B'),
    ARROW(Kind.ARROW, 'W'),
    TEXT(Kind.TEXT, 'T'),
    BOX(Kind.BOX, 'X'),
    OVAL(Kind.OVAL, 'U'),
    SCRIBBLE(Kind.SCRIBBLE, 'N');

    private static final char NONE = 0;
    private final Kind draws;
    private final char hotkey;

    Tool(Kind draws, char hotkey) {
        this.draws = draws;
        this.hotkey = hotkey;
    }

    /** The kind of mark the tool draws, if it draws one. */
    public Optional<Kind> draws() {
        return Optional.ofNullable(draws);
    }

    /** The letter that chooses the tool, if it has one. */
    public Optional<Character> hotkey() {
        return hotkey == NONE ? Optional.empty() : Optional.of(hotkey);
    }

    /** The tool a letter key chooses, if any (either case). */
    public static Optional<Tool> byHotkey(char key) {
        char k = Character.toUpperCase(key);
        for (Tool t : values()) {
            if (t.hotkey != NONE && t.hotkey == k) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
