package org.fovea.render.vtk;

import vtk.vtkNativeLibrary;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the VTK native libraries volume rendering needs, once per process. When they cannot load,
 * {@link #problem()} is one sentence naming what is missing, which the app shows in place of the
 * 3D view.
 *
 * <p>Only the modules volume rendering uses are loaded (not all ~120 of Debian's), in dependency
 * order. Their JNI libraries link against the JDK's {@code libjawt.so}, which is not on the
 * system's library path; it is loaded first from {@code java.home}, so the dynamic linker finds it
 * already in the process and {@code LD_LIBRARY_PATH} is not needed (the launcher sets it anyway,
 * for other VTK users).
 */
public final class VtkRuntime {

    /** Debian's libvtk9-java puts the JNI libraries here. */
    public static final String DEBIAN_NATIVES = "/usr/lib/x86_64-linux-gnu/java/vtk-Linux-x86_64";

    private static final vtkNativeLibrary[] NEEDED = {
        vtkNativeLibrary.vtkCommonCore,
        vtkNativeLibrary.vtkCommonMath,
        vtkNativeLibrary.vtkCommonTransforms,
        vtkNativeLibrary.vtkCommonDataModel,
        vtkNativeLibrary.vtkCommonExecutionModel,
        vtkNativeLibrary.vtkRenderingCore,
        vtkNativeLibrary.vtkRenderingOpenGL2,
        vtkNativeLibrary.vtkRenderingVolume,
        // the ray caster draws its image through a helper only this module's factory provides
        vtkNativeLibrary.vtkRenderingVolumeOpenGL2,
    };

    private static final Optional<String> PROBLEM = load();

    private VtkRuntime() {
    }

    /** Why VTK cannot be used in this process, as one sentence; empty when it loaded. */
    public static Optional<String> problem() {
        return PROBLEM;
    }

    /** Loads VTK (the first call does the work) or throws with {@link #problem()}'s sentence. */
    public static void require() {
        PROBLEM.ifPresent(p -> {
            throw new VtkUnavailableException(p);
        });
    }

    private static Optional<String> load() {
        String libraryPath = System.getProperty("java.library.path", "");
        String commonCore = System.mapLibraryName(vtkNativeLibrary.vtkCommonCore.GetLibraryName());
        boolean found = false;
        for (String dir : libraryPath.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, commonCore))) found = true;
        }
        if (!found) {
            return Optional.of("3D is unavailable: VTK's Java native libraries (" + commonCore + ") are not on "
                    + "java.library.path; install the Debian package libvtk9-java and start Java with "
                    + "-Djava.library.path=" + DEBIAN_NATIVES + ".");
        }
        Path jawt = Path.of(System.getProperty("java.home"), "lib", System.mapLibraryName("jawt"));
        try {
            System.load(jawt.toString());
        } catch (UnsatisfiedLinkError e) {
            return Optional.of("3D is unavailable: VTK needs the JDK's " + jawt.getFileName() + ", which could not be "
                    + "loaded from " + jawt.getParent() + " (" + e.getMessage() + "); use a full JDK, not a headless one.");
        }
        for (vtkNativeLibrary lib : NEEDED) {
            try {
                lib.LoadLibrary();
            } catch (UnsatisfiedLinkError e) {
                return Optional.of("3D is unavailable: VTK's native library " + System.mapLibraryName(lib.GetLibraryName())
                        + " could not be loaded (" + e.getMessage() + ").");
            }
        }
        return Optional.empty();
    }
}
