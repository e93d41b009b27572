package org.fovea.render;

import java.util.List;

/**
 * What render-core needs from an image's header to put its frames on screen: whether it is
 * MONOCHROME1 (minimum is white), its modality LUT, and the VOI transformations the header
 * proposes (first is the default; empty means none was given).
 */
public record PixelInfo(boolean monochrome1, ModalityLut modalityLut, List<Voi> headerVois) {
    public PixelInfo {
        modalityLut = modalityLut == null ? ModalityLut.identity() : modalityLut;
        headerVois = headerVois == null ? List.of() : List.copyOf(headerVois);
    }
}
