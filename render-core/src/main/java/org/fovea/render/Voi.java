package org.fovea.render;

/** The VOI transformation (PS3.3 C.11.2): a window with a function, or a VOI LUT table. */
public sealed interface Voi permits WindowLevel, VoiLutTable {
}
