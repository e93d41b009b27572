package org.fovea.render.geom;

/**
 * A 2D affine map {@code x' = mxx x + mxy y + tx}, {@code y' = myx x + myy y + ty}. The
 * components are in the order of JavaFX's {@code new Affine(mxx, mxy, tx, myx, myy, ty)}; note
 * that {@code GraphicsContext.setTransform} takes them as {@code (mxx, myx, mxy, myy, tx, ty)}.
 */
public record Affine2D(double mxx, double mxy, double tx, double myx, double myy, double ty) {

    /** The image of point ({@code x}, {@code y}). */
    public ViewTransform.Point apply(double x, double y) {
        return new ViewTransform.Point(mxx * x + mxy * y + tx, myx * x + myy * y + ty);
    }
}
