package org.fovea.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea register} and {@code fovea queue}: two walk-ins registered by hand (phone,
 * allergies and diagnosis required), checked in to CT1; the emergency is called first; a patient
 * who does not come is skipped and waits again; done finishes the exam.
 */
class QueueCommandTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private String register(String id, String name, String priority) {
        CliRun r = run("register", "--patient-id", id, "--name", name, "--sex", "F", "--phone", "13600000000",
                "--allergies", "无", "--diagnosis", "胸痛待查", "--exam", "胸部CT平扫", "--modality", "CT",
                "--priority", priority);
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("accession (CT\\d{8}-\\d{4})").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    @Test
    void walkInsAreRegisteredCheckedInAndCalled() {
        CliRun blank = run("register", "--patient-id", "W1", "--name", "周^一", "--sex", "F", "--phone", " ",
                "--allergies", "无", "--diagnosis", "x", "--exam", "胸部CT平扫", "--modality", "CT");
        assertThat(blank.code()).isEqualTo(1);
        assertThat(blank.err()).contains("The phone of 周^一 is required");
        String routine = register("W1", "周^一", "ROUTINE");
        // the same patient ID under another name: a typing slip, refused, nobody renamed
        CliRun slip = run("register", "--patient-id", "W1", "--name", "郑^三", "--sex", "M", "--phone", "13600000001",
                "--allergies", "无", "--diagnosis", "x", "--exam", "头颅CT平扫", "--modality", "CT");
        assertThat(slip.err()).contains("Patient ID W1 is 周^一's");
        assertThat(run("queue", "board", "--room", "CT1").code()).isZero();
        String emergency = register("W2", "吴^二", "EMERGENCY");
        assertThat(run("queue", "checkin", routine, "--room", "CT1").out()).contains("waiting");
        assertThat(run("queue", "checkin", emergency, "--room", "CT1").out()).contains("emergency");
        assertThat(run("queue", "checkin", emergency, "--room", "CT1").err()).contains("checked in already");

        CliRun first = run("queue", "next", "--room", "CT1", "--as", "wang");
        assertThat(first.out()).contains(emergency).contains("吴二").contains("called 1x by wang");
        String id = first.out().substring(0, first.out().indexOf(' '));
        assertThat(run("queue", "board", "--room", "CT1").out()).isEqualTo("请 吴* 到 CT1 检查\n候诊  周*\n");
        assertThat(run("queue", "skip", id).out()).contains("waiting").contains("skipped 1x");
        CliRun second = run("queue", "next", "--room", "CT1", "--as", "wang");
        assertThat(second.out()).as("the emergency again: it is still first of the waiting").contains(emergency);
        assertThat(run("queue", "done", id, "--assist", "nurse.zhou").out()).contains("done");
        CliRun workload = run("queue", "workload");
        assertThat(workload.out()).contains("wang").contains("technician").contains("nurse.zhou").contains("assistant")
                .contains("{CT=1}");
        CliRun third = run("queue", "next", "--room", "CT1", "--as", "zhao");
        assertThat(third.out()).contains(routine).contains("called 1x by zhao");
        assertThat(run("queue", "list", "--room", "CT1").out()).contains(routine).doesNotContain(emergency);
        assertThat(run("queue", "next", "--room", "CT1", "--as", "zhao").out()).contains("nobody");

        // the label of an exam: a PDF whose barcode LabelsTest reads back
        Path label = home.resolve("label.pdf");
        assertThat(run("label", routine, "--out", label.toString(), "--room", "CT1").out()).contains("wrote " + label);
        assertThat(label).isNotEmptyFile();
        assertThat(run("label", "NOPE-1", "--out", label.toString()).err()).contains("There is no exam NOPE-1");
    }
}
