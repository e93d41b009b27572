package org.fovea.render.measure;

import java.util.Random;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;
import org.fovea.render.Rescale;

/** Synthetic CT slices of known geometry for measurement tests: HU = stored - 1024. */
final class Phantom {

    static final ModalityLut CT = new Rescale(1, -1024, "HU");

    final int size;
    final short[] stored;

    Phantom(int size, int backgroundHu) {
        this.size = size;
        this.stored = new short[size * size];
        java.util.Arrays.fill(stored, (short) (backgroundHu + 1024));
    }

    /** Fills the pixels whose centres lie within {@code radius} px of ({@code cx}, {@code cy}). */
    Phantom disc(double cx, double cy, double radius, int hu) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius) {
                    stored[y * size + x] = (short) (hu + 1024);
                }
            }
        }
        return this;
    }

    Phantom band(int fromRow, int toRow, int hu) {
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < size; x++) {
                stored[y * size + x] = (short) (hu + 1024);
            }
        }
        return this;
    }

    Phantom noise(double sdHu, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < stored.length; i++) {
            stored[i] = (short) Math.round(stored[i] + r.nextGaussian() * sdHu);
        }
        return this;
    }

    Frame frame() {
        return Frame.grayscale(size, size, stored, true, 16);
    }
}
