package org.fovea.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {

    @TempDir
    Path dir;

    @Test
    void answersTheExitCodeAndBothStreams() {
        Command.Result r = Command.of("sh", "-c", "echo out; echo err >&2; exit 3").run();

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.output()).isEqualTo("out\nerr\n");
    }

    @Test
    void mergedStderrKeepsTheOrderOfTheLines() {
        Command.Result r = Command.of("sh", "-c", "echo one; echo two >&2; echo three").mergeStderr().run();

        assertThat(r.stdout()).isEqualTo("one\ntwo\nthree\n");
        assertThat(r.stderr()).isEmpty();
    }

    /** Far more than a pipe holds (64 KB) on both streams: a child blocked writing would time out here. */
    @Test
    void aChildWritingMegabytesToBothStreamsIsNotBlocked() {
        Command.Result r = Command.of("sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' a; head -c 2000000 /dev/zero | tr '\\0' b >&2")
                .timeout(Duration.ofSeconds(30)).run();

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).hasSize(3_000_000);
        assertThat(r.stderr()).hasSize(2_000_000);
    }

    @Test
    void aHungChildIsKilledWithItsChildrenAndTheFailureNamesTheCommandAndItsOutputSoFar() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        long start = System.nanoTime();

        assertThatThrownBy(() -> Command.of("sh", "-c", "echo started; sleep 300 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofSeconds(1)).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sh -c echo started; sleep 300")
                .hasMessageContaining("did not finish within 1 s")
                .hasMessageEndingWith("Its output so far:\nstarted\n");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(endsWithin(grandchild, Duration.ofSeconds(5))).as("the grandchild sleep %d has ended", grandchild).isTrue();
    }

    /** A grandchild that outlives its parent keeps the output open; a pipe reader would wait for it. */
    @Test
    void aGrandchildHoldingTheOutputOpenDoesNotKeepUsWaiting() {
        long start = System.nanoTime();

        Command.Result r = Command.of("sh", "-c", "sleep 20 & echo parent done").timeout(Duration.ofSeconds(10)).run();

        assertThat(r.stdout()).isEqualTo("parent done\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aChildReadingStandardInputSeesItsEndInsteadOfWaiting() {
        Command.Result r = Command.of("sh", "-c", "read line; echo \"read returned $?\"")
                .timeout(Duration.ofSeconds(10)).run();

        assertThat(r.stdout()).isEqualTo("read returned 1\n");
    }

    @Test
    void aProgramThatIsNotThereFailsNamingIt() {
        assertThatThrownBy(() -> Command.of("no-such-tool-fovea", "x").run())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("cannot start no-such-tool-fovea x");
    }

    @Test
    void requireSuccessFailsWithTheExitCodeAndOutput() {
        Command.Result failed = Command.of("sh", "-c", "echo why >&2; exit 2").run();

        assertThatThrownBy(failed::requireSuccess)
                .isInstanceOf(AssertionError.class)
                .hasMessage("sh -c echo why >&2; exit 2 exited with 2:\nwhy\n");
        assertThat(Command.of("true").run().requireSuccess().exit()).isZero();
    }

    @Test
    void runsInTheDirectoryAndEnvironmentItIsGiven() throws Exception {
        Path real = dir.toRealPath();
        Command.Result r = Command.of("sh", "-c", "pwd; echo \"[$FOVEA_A][${HOME:-unset}]\"")
                .directory(real).env("FOVEA_A", "a").withoutEnv("HOME").run();

        assertThat(r.stdout()).isEqualTo(real + "\n[a][unset]\n");
    }

    @Test
    void aChildJvmRunsOnThisClassPath() {
        Command.Result r = Command.java(List.of("-Xmx32m"), PrintArgs.class.getName(), "a b", "c").run();

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("[a b, c]\n");
    }

    @Test
    void stopEndsAProgramThatIgnoresTheRequestToStop() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; sleep 300").start();
        assertThat(new String(stubborn.getInputStream().readNBytes(6))).isEqualTo("ready\n");
        long start = System.nanoTime();

        Command.stop(stubborn, Duration.ofMillis(500));

        assertThat(stubborn.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    /** A killed grandchild is reaped by init, a moment after the kill: until then it still shows as alive. */
    private static boolean endsWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Prints its arguments. */
    public static final class PrintArgs {
        public static void main(String[] args) {
            System.out.println(List.of(args));
        }
    }
}
