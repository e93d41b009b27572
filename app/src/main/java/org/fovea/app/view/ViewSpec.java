package org.fovea.app.view;

import java.util.Locale;

/**
 * A 3D view as the command line names it: {@code axial}, {@code coronal}, {@code sagittal},
 * {@code oblique:AZ,EL} (degrees), {@code mip:AXIS,MM}, {@code minip:AXIS,MM} (a slab of MM
 * millimetres across the plane AXIS) or {@code vr:PRESET}.
 */
public record ViewSpec(Kind kind, Axis axis, double azimuthDeg, double elevationDeg, double slabMm, String preset) {

    public enum Kind { PLANE, OBLIQUE, MIP, MINIP, VR }

    public enum Axis { AXIAL, CORONAL, SAGITTAL }

    private static final String USAGE = "axial|coronal|sagittal|oblique:AZ,EL|mip:AXIS,MM|minip:AXIS,MM|vr:PRESET";

    /** Parses a view; the message of the exception says what was expected. */
    public static ViewSpec parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String head = colon < 0 ? t : t.substring(0, colon);
        String args = colon < 0 ? "" : t.substring(colon + 1);
        try {
            switch (head) {
                case "axial", "coronal", "sagittal" -> {
                    if (colon >= 0) break;
                    return new ViewSpec(Kind.PLANE, Axis.valueOf(head.toUpperCase(Locale.ROOT)), 0, 0, 0, null);
                }
                case "oblique" -> {
                    String[] p = args.split(",");
                    if (p.length != 2) break;
                    return new ViewSpec(Kind.OBLIQUE, null, Double.parseDouble(p[0]), Double.parseDouble(p[1]), 0, null);
                }
                case "mip", "minip" -> {
                    String[] p = args.split(",");
                    if (p.length != 2) break;
                    double mm = Double.parseDouble(p[1]);
                    if (!(mm > 0)) break;
                    return new ViewSpec(head.equals("mip") ? Kind.MIP : Kind.MINIP,
                            Axis.valueOf(p[0].trim().toUpperCase(Locale.ROOT)), 0, 0, mm, null);
                }
                case "vr" -> {
                    if (args.isBlank()) break;
                    return new ViewSpec(Kind.VR, null, 0, 0, 0, args.trim());
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            // a bad number or axis falls through to the message below
        }
        throw new IllegalArgumentException("--view expects " + USAGE + "; got '" + text + "'");
    }
}
