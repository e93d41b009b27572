package org.fovea.render.vtk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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

    private static String runJava(String libraryPath, String mainClass) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                libraryPath, "-cp", System.getProperty("java.class.path"), mainClass);
        pb.environment().remove("DISPLAY");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
