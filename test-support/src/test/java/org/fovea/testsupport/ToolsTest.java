package org.fovea.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolsTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFirstExecutableOnThePathAndPassesOverOtherFiles() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Files.writeString(first.resolve("dcmdump"), "not executable");
        Path tool = executable(second.resolve("dcmdump"));
        executable(Files.createDirectories(dir.resolve("third")).resolve("dcmdump"));

        String path = first + ":" + second + ":" + dir.resolve("third");

        assertThat(Tools.find("dcmdump", Map.of("PATH", path))).contains(tool);
        assertThat(Tools.find("dcmj2pnm", Map.of("PATH", path))).isEmpty();
        assertThat(Tools.find("dcmdump", Map.of())).isEmpty();
    }

    @Test
    void aMissingToolFailsOnCi() {
        assertThatThrownBy(() -> Tools.require("dcmj2pnm", "dcmtk", Map.of("PATH", dir.toString(), "CI", "true")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("'dcmj2pnm' is not on the PATH: install the Debian package dcmtk (scripts/bootstrap does)"
                        + " (CI=true: a missing tool fails the test)");
    }

    @Test
    void aMissingToolSkipsElsewhere() {
        for (Map<String, String> env : List.of(Map.of("PATH", dir.toString()), Map.of("PATH", dir.toString(), "CI", "false"))) {
            assertThatThrownBy(() -> Tools.require("dcmj2pnm", "dcmtk", env))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("'dcmj2pnm' is not on the PATH")
                    .hasMessageEndingWith("skipped (with CI=true it would fail)");
        }
    }

    @Test
    void aToolThatIsThereIsAnsweredOnCiAndElsewhere() throws Exception {
        Path tool = executable(dir.resolve("dump2dcm"));

        assertThat(Tools.require("dump2dcm", "dcmtk", Map.of("PATH", dir.toString(), "CI", "true"))).isEqualTo(tool);
        assertThat(Tools.require("dump2dcm", "dcmtk", Map.of("PATH", dir.toString()))).isEqualTo(tool);
    }

    @Test
    void ciIsTrueOnlyWhenSaidSo() {
        assertThat(Tools.onCi(Map.of("CI", "true"))).isTrue();
        assertThat(Tools.onCi(Map.of("CI", "TRUE"))).isTrue();
        assertThat(Tools.onCi(Map.of("CI", "false"))).isFalse();
        assertThat(Tools.onCi(Map.of("CI", ""))).isFalse();
        assertThat(Tools.onCi(Map.of())).isFalse();
    }

    private static Path executable(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
