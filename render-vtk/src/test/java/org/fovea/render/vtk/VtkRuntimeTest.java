package org.fovea.render.vtk;

import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VtkRuntimeTest {

    @Test
    void loadsWithTheNativesOnTheLibraryPath() {
        assertThat(VtkRuntime.problem()).isEmpty();
        VtkRuntime.require();
    }

    @Test
    void withoutTheNativesTheProblemIsOneSentenceSayingWhatToInstallAndSet() throws Exception {
        // a fresh JVM: VTK loads once per process
        String out = runJava("-Djava.library.path=/nonexistent", PrintProblem.class.getName());
        assertThat(out.strip()).isEqualTo("3D is unavailable: VTK's Java native libraries (libvtkCommonCoreJava.so) "
                + "are not on java.library.path; install the Debian package libvtk9-java and start Java with "
                + "-Djava.library.path=/usr/lib/x86_64-linux-gnu/java/vtk-Linux-x86_64.");
    }

    @Test
    void withoutADisplayOpeningAViewFailsWithASentenceInsteadOfAborting() throws Exception {
        String out = runJava("-Djava.library.path=" + VtkRuntime.DEBIAN_NATIVES, OpenWithoutDisplay.class.getName());
        assertThat(out.strip()).isEqualTo("3D is unavailable: VTK's off-screen rendering needs an X display and "
                + "DISPLAY is not set.");
    }

    /** Prints {@link VtkRuntime#problem()}. */
    public static final class PrintProblem {
        public static void main(String[] args) {
            System.out.println(VtkRuntime.problem().orElse("loaded"));
        }
    }

    /** Opens a view (run without DISPLAY) and prints why it failed. */
    public static final class OpenWithoutDisplay {
        public static void main(String[] args) {
            VolumeRenderView.open(64, 64).handle((v, e) -> {
                System.out.println(e == null ? "opened" : e.getCause().getMessage());
                return null;
            }).join();
        }
    }

    /** What a fresh JVM without DISPLAY prints on stdout (VTK's own complaints go to stderr). */
    private static String runJava(String libraryPath, String mainClass) {
        return Command.java(List.of(libraryPath), mainClass).withoutEnv("DISPLAY").timeout(Duration.ofSeconds(60))
                .run().stdout();
    }
}
