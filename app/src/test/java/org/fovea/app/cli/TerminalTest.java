package org.fovea.app.cli;

import org.fovea.dicom.Mutants;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees in the terminal, running ./fovea as a process: Fovea's own sentences only;
 * what a library says about a file is in the log, with the file's name.
 */
class TerminalTest {

    @TempDir
    Path tmp;

    /**
     * ./fovea as the launcher runs it. The product's logback.xml is named: this class path may hold
     * a module's logback-test.xml (dicom's test classes, when the build stopped before packaging
     * its test-jar), which logback would prefer and which logs to the console.
     */
    private Command.Result fovea(String... args) {
        return Command.java(List.of("-Dlogback.configurationFile=logback.xml"), "org.fovea.app.Main", args)
                .env("FOVEA_HOME", tmp.resolve("home").toString()).run();
    }

    private String log() throws Exception {
        return Files.readString(tmp.resolve("home").resolve("logs").resolve("fovea.log"), StandardCharsets.UTF_8);
    }

    /**
     * An RLE image whose second segment starts at an odd offset: PixelMed prints "Error: fragment
     * offset for segment 1 is not even length …" to stderr and decodes on, one byte short.
     */
    @Test
    void aLibrarysComplaintAboutAFileIsLoggedWithItsNameAndNotShown() throws Exception {
        Path odd = Mutants.oddRleSegmentOffset(Files.createDirectories(tmp.resolve("in")));

        Command.Result imported = fovea("import", odd.toString());
        Command.Result shown = fovea("snapshot", odd.toString(), "--wl", "400,40", "--out", tmp.resolve("odd.png").toString());

        String reason = odd.getFileName() + ": frame 1 cannot be decompressed from RLE Lossless (1.2.840.10008.1.2.5)";
        assertThat(imported.stdout()).contains("skipped " + odd + ": frame 1 cannot be decompressed");
        assertThat(shown.stderr()).startsWith("fovea: " + reason);
        for (Command.Result r : List.of(imported, shown)) {
            assertThat(r.exit()).isNotZero();
            assertThat(r.output()).doesNotContain("Error:").doesNotContain("fragment offset");
        }
        assertThat(log()).contains("stderr - " + odd + ": Error: fragment offset for segment 1 is not even length");
    }

    @Test
    void aRefusedFileIsOneSentenceNamingItAndItsReason() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path bomb = Mutants.pixelLengthBomb(in, 0xFFFFFFF0L);

        Command.Result r = fovea("snapshot", bomb.toString(), "--wl", "400,40", "--out", tmp.resolve("x.png").toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr().strip()).isEqualTo("fovea: " + bomb.getFileName()
                + ": cut off: Pixel Data needs 4,294,967,280 bytes, the file holds 32,768");
    }

    @Test
    void anExplicitWindowWinsOverUnreadableWindowAttributes() throws Exception {
        Path file = Mutants.windowNotANumber(Files.createDirectories(tmp.resolve("in")));
        Path png = tmp.resolve("window.png");

        Command.Result r = fovea("snapshot", file.toString(), "--wl", "400,40", "--out", png.toString());

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(128);
        assertThat(log()).contains(file + ": the window values cannot be read");
    }
}
