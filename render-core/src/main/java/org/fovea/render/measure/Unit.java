package org.fovea.render.measure;

/**
 * The unit of a measured value: how it is shown and its UCUM code (PS3.16 CID 7181 and the
 * units TID 1500 measurements carry). Values are kept in the base unit (mm, mm²); showing
 * large areas in cm² is a matter of display.
 */
public enum Unit {
    MM("mm", "mm", "millimeter"),
    MM2("mm²", "mm2", "square millimeter"),
    PIXEL("px", "{pixels}", "pixels"),
    PIXEL2("px²", "{pixels}2", "square pixels"),
    HU("HU", "[hnsf'U]", "Hounsfield unit"),
    DEGREE("°", "deg", "degree"),
    RATIO("", "1", "no units"),
    COUNT("", "{pixels}", "pixels"),
    /** Modality output values without a known unit (MR signal, stored values). */
    NONE("", "1", "no units");

    private final String symbol;
    private final String ucum;
    private final String meaning;

    Unit(String symbol, String ucum, String meaning) {
        this.symbol = symbol;
        this.ucum = ucum;
        this.meaning = meaning;
    }

    /** What is shown after the number ("mm", "HU", "°"; empty for ratios and unitless values). */
    public String symbol() { return symbol; }

    /** The UCUM code value. */
    public String ucum() { return ucum; }

    /** The UCUM code meaning. */
    public String meaning() { return meaning; }

    /** The unit of a value read at a pixel: HU when the rescale says so, otherwise none. */
    public static Unit ofRescaleType(String rescaleType, boolean ct) {
        return ct || "HU".equalsIgnoreCase(rescaleType == null ? "" : rescaleType.trim()) ? HU : NONE;
    }
}
