package org.fovea.render.measure;

import java.util.ArrayList;
import java.util.List;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;

/**
 * The values of what was drawn: lengths and areas at the image's scale, angles, and the
 * statistics of regions on the modality values of the pixels (HU for CT).
 */
public final class Measurer {

    /** A cardiothoracic ratio above this is flagged (an enlarged heart on a PA chest film). */
    public static final double CARDIOTHORACIC_LIMIT = 0.50;

    private final Scale scale;
    private final Frame frame;
    private final ModalityLut lut;
    private final Unit valueUnit;

    /**
     * @param frame     the image's pixels, or {@code null} when only geometry can be measured
     * @param valueUnit the unit of the modality values ({@link Unit#HU} for CT)
     */
    public Measurer(Scale scale, Frame frame, ModalityLut lut, Unit valueUnit) {
        this.scale = scale;
        this.frame = frame;
        this.lut = lut == null ? ModalityLut.identity() : lut;
        this.valueUnit = valueUnit;
    }

    public Scale scale() {
        return scale;
    }

    /**
     * The scale of an image: its header's, or the latest user calibration among the marks on it
     * (a calibration whose text is not a length above 0 mm leaves the header's).
     */
    public static Scale calibrated(Scale header, List<Annotation> marksOnImage) {
        Scale s = header;
        for (Annotation a : marksOnImage) {
            if (a.kind() == Kind.CALIBRATION) {
                try {
                    s = header.calibrated(a.points().get(0), a.points().get(1), Double.parseDouble(a.text().strip()));
                } catch (IllegalArgumentException unusable) {
                    // keeps the scale so far
                }
            }
        }
        return s;
    }

    public Measured measure(Annotation a) {
        List<ImagePoint> p = a.points();
        List<Value> values = new ArrayList<>();
        boolean abnormal = false;
        switch (a.kind()) {
            case POINT -> pointValue(p.get(0), values);
            case LENGTH -> values.add(length(scale.length(p.get(0), p.get(1))));
            case POLYLINE -> values.add(length(Geometry.polylineLength(p, scale)));
            case ANGLE -> values.add(new Value(Quantity.ANGLE, Geometry.angle(p.get(0), p.get(1), p.get(2), scale),
                    Unit.DEGREE));
            case COBB -> values.add(new Value(Quantity.ANGLE,
                    Geometry.cobb(p.get(0), p.get(1), p.get(2), p.get(3), scale), Unit.DEGREE));
            case ELLIPSE -> region(Region.ellipse(p.get(0), p.get(1)), values);
            case RECTANGLE -> region(Region.rectangle(p.get(0), p.get(1)), values);
            case POLYGON, FREEHAND, LASSO -> region(Region.polygon(p), values);
            case CARDIOTHORACIC -> {
                double ratio = Geometry.cardiothoracicRatio(p.get(0), p.get(1), p.get(2), p.get(3));
                values.add(new Value(Quantity.CARDIOTHORACIC_RATIO, ratio, Unit.RATIO));
                values.add(new Value(Quantity.HEART_WIDTH,
                        Math.abs(p.get(1).x() - p.get(0).x()) * scale.columnMm(), scale.lengthUnit()));
                values.add(new Value(Quantity.THORAX_WIDTH,
                        Math.abs(p.get(3).x() - p.get(2).x()) * scale.columnMm(), scale.lengthUnit()));
                abnormal = ratio > CARDIOTHORACIC_LIMIT;
            }
            default -> { }
        }
        return new Measured(a, scale, values, abnormal);
    }

    private Value length(double v) {
        return new Value(Quantity.LENGTH, v, scale.lengthUnit());
    }

    private void pointValue(ImagePoint at, List<Value> values) {
        if (frame == null || frame.kind() == Frame.Kind.RGB) {
            return;
        }
        int x = (int) Math.floor(at.x()), y = (int) Math.floor(at.y());
        if (x >= 0 && y >= 0 && x < frame.columns() && y < frame.rows()) {
            values.add(new Value(Quantity.VALUE, lut.apply(frame.storedValue(x, y)), valueUnit));
        }
    }

    private void region(Region region, List<Value> values) {
        values.add(new Value(Quantity.AREA, region.area(scale), scale.areaUnit()));
        if (frame == null || frame.kind() == Frame.Kind.RGB) {
            return;
        }
        RegionStats s = RegionStats.of(region, frame, lut);
        if (s.count() == 0) {
            values.add(new Value(Quantity.PIXEL_COUNT, 0, Unit.COUNT));
            return;
        }
        values.add(new Value(Quantity.MEAN, s.mean(), valueUnit));
        values.add(new Value(Quantity.STANDARD_DEVIATION, s.sd(), valueUnit));
        values.add(new Value(Quantity.MINIMUM, s.min(), valueUnit));
        values.add(new Value(Quantity.MAXIMUM, s.max(), valueUnit));
        values.add(new Value(Quantity.PIXEL_COUNT, s.count(), Unit.COUNT));
    }
}
