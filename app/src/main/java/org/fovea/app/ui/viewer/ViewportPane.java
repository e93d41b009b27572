package org.fovea.app.ui.viewer;

import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.effect.BlurType;
import javafx.scene.effect.DropShadow;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.ui.tools.Loupe;
import org.fovea.app.ui.tools.MarkLayer;
import org.fovea.app.view.OverlayCorners;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.Voi;

import java.util.List;

/**
 * The node that shows one image with its overlays: pixels, four-corner text, orientation labels
 * on the edges, a scale bar, and a centred message while a slice is loading or failed. It only
 * draws what it is told; the viewer's {@link Viewport} and the headless {@link ViewportSnapshot}
 * both drive this same node, so a snapshot looks exactly like the screen.
 */
public final class ViewportPane extends Region {

    private static final double MARGIN = 6;
    private static final double SCALE_BAR_TICK = 5;

    private final FrameImage frameImage = new FrameImage();
    private final ImageView imageView = new ImageView();
    private final VBox topLeft = corner(Pos.TOP_LEFT);
    private final VBox topRight = corner(Pos.TOP_RIGHT);
    private final VBox bottomLeft = corner(Pos.BOTTOM_LEFT);
    private final VBox bottomRight = corner(Pos.BOTTOM_RIGHT);
    private final Text left = orientationText();
    private final Text right = orientationText();
    private final Text top = orientationText();
    private final Text bottom = orientationText();
    private final Group scaleBar = new Group();
    private final Line scaleLine = scaleLine();
    private final Line scaleTickStart = scaleLine();
    private final Line scaleTickEnd = scaleLine();
    private final Text scaleLabel = overlayText("");
    private final Label message = new Label();
    private final Label otherPatient = new Label();
    private final MarkLayer marks = new MarkLayer();
    private final Loupe loupe = new Loupe();
    /** Drawn last so the active highlight stays visible over an image that fills the viewport. */
    private final Region frame = new Region();

    private final javafx.scene.transform.Affine placement = new javafx.scene.transform.Affine();
    /** The reference lines of other viewports' slices, over the image and under the marks. */
    private final Group referenceLines = new Group();
    private double scaleBarPixels;

    public ViewportPane() {
        getStyleClass().add("viewport");
        imageView.setSmooth(true);
        imageView.setPreserveRatio(false);
        imageView.getTransforms().add(placement);
        referenceLines.setMouseTransparent(true);
        referenceLines.setManaged(false);
        scaleBar.getChildren().addAll(scaleLine, scaleTickStart, scaleTickEnd, scaleLabel);
        scaleBar.setVisible(false);
        scaleBar.setEffect(shadow());
        message.getStyleClass().add("viewport-message");
        message.setWrapText(true);
        message.setTextAlignment(TextAlignment.CENTER);
        message.setVisible(false);
        otherPatient.getStyleClass().add("other-patient");
        otherPatient.setVisible(false);
        otherPatient.setMouseTransparent(true);
        frame.getStyleClass().add("viewport-frame");
        frame.setMouseTransparent(true);
        marks.setFontFamily(UiFonts.family());
        getChildren().addAll(imageView, referenceLines, marks, topLeft, topRight, bottomLeft, bottomRight,
                left, right, top, bottom, scaleBar, message, otherPatient, loupe, frame);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinSize(64, 64);
    }

    /** Renders a frame into this viewport's pixel buffer and shows it. FX thread only. */
    public void showFrame(Frame frame, PixelInfo pixelInfo, Voi voi, boolean invert) {
        showFrame(frame, pixelInfo, voi, invert, org.fovea.render.DisplayFilter.NONE);
    }

    /**
     * As {@link #showFrame(Frame, PixelInfo, Voi, boolean)} through a display filter (V21): only the
     * displayed pixels change, never the frame's values that measurements read.
     */
    public void showFrame(Frame frame, PixelInfo pixelInfo, Voi voi, boolean invert, org.fovea.render.DisplayFilter filter) {
        imageView.setImage(frameImage.render(frame, pixelInfo, voi, invert, filter));
        imageView.setVisible(true);
        requestLayout();
    }

    /** Where measurements and annotations are drawn, over the image and under the corner text. */
    public MarkLayer markLayer() { return marks; }

    /** The magnifier over this viewport. */
    public Loupe loupe() { return loupe; }

    /** The image as displayed (window applied), at one pixel per image pixel; null when none. */
    public javafx.scene.image.Image displayedImage() { return imageView.getImage(); }

    /** Shows nothing: an empty viewport waiting for a series. */
    public void clearImage() {
        imageView.setImage(null);
        imageView.setVisible(false);
    }

    /**
     * Where the image goes: the map from image pixel-edge coordinates (the top-left corner of the
     * image at 0,0) to the viewport, with zoom, pan, quarter turns and flips (V19).
     */
    public void setPlacement(org.fovea.render.geom.Affine2D map) {
        placement.setToTransform(map.mxx(), map.mxy(), map.tx(), map.myx(), map.myy(), map.ty());
        requestLayout();
    }

    /**
     * Draws reference lines (V24), in viewport coordinates: {x1, y1, x2, y2} each; the first is
     * the active viewport's slice, any others its first and last (dashed).
     */
    public void setReferenceLines(List<double[]> lines) {
        referenceLines.getChildren().clear();
        for (int i = 0; i < lines.size(); i++) {
            double[] l = lines.get(i);
            Line line = new Line(l[0], l[1], l[2], l[3]);
            line.getStyleClass().add(i == 0 ? "reference-line" : "reference-line-bound");
            referenceLines.getChildren().add(line);
        }
    }

    /** The reference lines drawn now, as given to {@link #setReferenceLines}. */
    public List<double[]> referenceLines() {
        return referenceLines.getChildren().stream().map(n -> (Line) n)
                .map(l -> new double[] {l.getStartX(), l.getStartY(), l.getEndX(), l.getEndY()}).toList();
    }

    private boolean anonymous;

    /** Whether the overlay hides the patient's identity (a teaching session). */
    public void setAnonymous(boolean anonymous) {
        this.anonymous = anonymous;
    }

    public boolean anonymous() {
        return anonymous;
    }

    private org.fovea.app.view.OverlayLayouts overlayLayouts = org.fovea.app.view.OverlayLayouts.BUILT_IN;

    /** Which fields the four corners show, by modality (V26). */
    public void setOverlayLayouts(org.fovea.app.view.OverlayLayouts layouts) {
        overlayLayouts = layouts;
    }

    public org.fovea.app.view.OverlayLayouts overlayLayouts() {
        return overlayLayouts;
    }

    /** The overlay's lines as shown, corner by corner (top left, top right, bottom left, bottom right). */
    public java.util.List<String> overlayLines() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (VBox box : java.util.List.of(topLeft, topRight, bottomLeft, bottomRight)) {
            box.getChildren().forEach(n -> out.add(n instanceof javafx.scene.text.Text t ? t.getText()
                    : n instanceof javafx.scene.control.Labeled l ? l.getText() : n.toString()));
        }
        return out;
    }

    public void setOverlay(OverlayCorners corners) {
        fill(topLeft, corners.topLeft());
        fill(topRight, corners.topRight());
        fill(bottomLeft, corners.bottomLeft());
        fill(bottomRight, corners.bottomRight());
    }

    /** Edge labels (left, right, top, bottom); null hides them when the orientation is unknown. */
    public void setOrientation(String leftLabel, String rightLabel, String topLabel, String bottomLabel) {
        left.setText(leftLabel == null ? "" : leftLabel);
        right.setText(rightLabel == null ? "" : rightLabel);
        top.setText(topLabel == null ? "" : topLabel);
        bottom.setText(bottomLabel == null ? "" : bottomLabel);
        requestLayout();
    }

    /** A horizontal bar of {@code pixels} screen pixels with its label; null label hides it. */
    public void setScaleBar(String label, double pixels) {
        scaleBar.setVisible(label != null && pixels > 0);
        scaleLabel.setText(label == null ? "" : label);
        scaleBarPixels = pixels;
        requestLayout();
    }

    /** A centred line of text over the image (loading, a failure, a hint); null hides it. */
    public void setMessage(String text) {
        message.setText(text == null ? "" : text);
        message.setVisible(text != null);
        requestLayout();
    }

    /**
     * A red banner across the viewport naming the patient it shows, when that is not the patient
     * of the active viewport; null takes it away.
     */
    public void setOtherPatient(String text) {
        otherPatient.setText(text == null ? "" : text);
        otherPatient.setVisible(text != null);
        requestLayout();
    }

    /** The different-patient banner's text, or null when none is shown. */
    public String otherPatient() { return otherPatient.isVisible() ? otherPatient.getText() : null; }

    public void setActive(boolean active) {
        frame.getStyleClass().remove("active");
        if (active) {
            frame.getStyleClass().add("active");
        }
    }

    /** Marks this viewport as where a dragged series would land. */
    void setDropTarget(boolean target) {
        frame.getStyleClass().remove("drop-target");
        if (target) {
            frame.getStyleClass().add("drop-target");
        }
    }

    /** The ARGB this viewport displays for image pixel (x, y), straight from its pixel buffer. */
    public int displayedArgb(int x, int y) {
        return frameImage.argbAt(x, y);
    }

    /** The visible text of all four corners, corner by corner. */
    public String overlayText() {
        StringBuilder sb = new StringBuilder();
        for (VBox corner : List.of(topLeft, topRight, bottomLeft, bottomRight)) {
            corner.getChildren().forEach(n -> sb.append(((Text) n).getText()).append('\n'));
        }
        return sb.toString();
    }

    public String edgeLabels() {
        return left.getText() + " " + right.getText() + " " + top.getText() + " " + bottom.getText();
    }

    public boolean scaleBarShown() { return scaleBar.isVisible(); }

    public String scaleBarLabel() { return scaleLabel.getText(); }

    public String message() { return message.isVisible() ? message.getText() : null; }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        marks.resizeRelocate(0, 0, w, h);
        if (imageView.getImage() != null) {
            // natural size at the origin: the placement transform does the rest
            imageView.setFitWidth(0);
            imageView.setFitHeight(0);
            imageView.relocate(0, 0);
        }
        place(topLeft, MARGIN, MARGIN);
        place(topRight, w - MARGIN - pref(topRight).width, MARGIN);
        Size bl = pref(bottomLeft);
        place(bottomLeft, MARGIN, h - MARGIN - bl.height);
        Size br = pref(bottomRight);
        place(bottomRight, w - MARGIN - br.width, h - MARGIN - br.height);

        centerText(top, w / 2, MARGIN + top.getLayoutBounds().getHeight() / 2);
        centerText(bottom, w / 2, h - MARGIN - bottom.getLayoutBounds().getHeight() / 2);
        centerText(left, MARGIN + left.getLayoutBounds().getWidth() / 2, h / 2);
        centerText(right, w - MARGIN - right.getLayoutBounds().getWidth() / 2, h / 2);

        layoutScaleBar(w, h);

        double mw = Math.min(w - 2 * MARGIN, Math.max(200, w * 0.7));
        message.resize(mw, message.prefHeight(mw));
        message.relocate((w - mw) / 2, (h - message.getHeight()) / 2);
        if (otherPatient.isVisible()) {
            double bw = Math.min(w - 2 * MARGIN, Math.max(160, otherPatient.prefWidth(-1) + 24));
            otherPatient.resize(bw, otherPatient.prefHeight(bw));
            otherPatient.relocate((w - bw) / 2, MARGIN + top.getLayoutBounds().getHeight() + 4);
        }
        frame.resizeRelocate(0, 0, w, h);
    }

    private void layoutScaleBar(double w, double h) {
        double y = h - MARGIN - bottom.getLayoutBounds().getHeight() - 8;
        double x0 = (w - scaleBarPixels) / 2;
        double x1 = x0 + scaleBarPixels;
        scaleLine.setStartX(x0);
        scaleLine.setEndX(x1);
        scaleLine.setStartY(y);
        scaleLine.setEndY(y);
        scaleTickStart.setStartX(x0);
        scaleTickStart.setEndX(x0);
        scaleTickStart.setStartY(y - SCALE_BAR_TICK);
        scaleTickStart.setEndY(y);
        scaleTickEnd.setStartX(x1);
        scaleTickEnd.setEndX(x1);
        scaleTickEnd.setStartY(y - SCALE_BAR_TICK);
        scaleTickEnd.setEndY(y);
        Bounds label = scaleLabel.getLayoutBounds();
        scaleLabel.relocate(w / 2 - label.getWidth() / 2, y - SCALE_BAR_TICK - 2 - label.getHeight());
    }

    private record Size(double width, double height) {
    }

    private static Size pref(VBox box) {
        return new Size(box.prefWidth(-1), box.prefHeight(-1));
    }

    private static void place(VBox box, double x, double y) {
        Size s = pref(box);
        box.resizeRelocate(x, y, s.width, s.height);
    }

    private static void centerText(Text t, double cx, double cy) {
        t.relocate(cx - t.getLayoutBounds().getWidth() / 2, cy - t.getLayoutBounds().getHeight() / 2);
    }

    private static void fill(VBox box, List<String> lines) {
        box.getChildren().setAll(lines.stream().map(ViewportPane::overlayText).toList());
    }

    private static VBox corner(Pos alignment) {
        VBox box = new VBox(0);
        box.setAlignment(alignment);
        box.setPadding(Insets.EMPTY);
        box.setMouseTransparent(true);
        box.setEffect(shadow());
        return box;
    }

    private static Text overlayText(String s) {
        Text t = new Text(s);
        t.setTextOrigin(VPos.TOP);
        t.getStyleClass().add("overlay-text");
        t.setFont(Font.font(UiFonts.family(), 13));
        t.setMouseTransparent(true);
        return t;
    }

    private static Text orientationText() {
        Text t = new Text();
        t.setTextOrigin(VPos.TOP);
        t.getStyleClass().add("orientation-label");
        t.setFont(Font.font(UiFonts.family(), FontWeight.BOLD, 15));
        t.setMouseTransparent(true);
        t.setEffect(shadow());
        return t;
    }

    private static Line scaleLine() {
        Line l = new Line();
        l.getStyleClass().add("scale-bar-line");
        return l;
    }

    /** Overlay text must stay legible over white bone and black air alike. */
    private static DropShadow shadow() {
        return new DropShadow(BlurType.ONE_PASS_BOX, Color.BLACK, 3, 0.8, 0, 0);
    }
}
