package org.fovea.render.vtk;

/** VTK cannot render in this process; the message is one sentence a user can act on. */
public final class VtkUnavailableException extends RuntimeException {
    public VtkUnavailableException(String sentence) {
        super(sentence);
    }
}
