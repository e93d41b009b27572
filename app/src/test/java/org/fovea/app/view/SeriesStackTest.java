package org.fovea.app.view;

import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesStackTest {

    private static DemoArchive demo;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    @Test
    void theFocusedSliceIsDecodedFirstThenItsNeighboursOutwards() {
        List<InstanceEntry> instances = demo.instances(DemoStudy.CURRENT_CT);
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        List<Integer> order = new ArrayList<>();
        stack.addListener(order::add);
        stack.focus(30);

        stack.start(Runnable::run);

        assertThat(order).hasSize(instances.size()).startsWith(30, 31, 29, 32, 28);
        assertThat(stack.slice(30).header().sopInstanceUid()).isEqualTo(instances.get(30).sopInstanceUid());
        assertThat(stack.slice(59).frame().columns()).isEqualTo(128);
    }

    @Test
    void anUnreadableFileBecomesAFailureWithItsReasonAndTheRestStillDecodes() throws Exception {
        InstanceEntry good = demo.instances(DemoStudy.CURRENT_CT).get(0);
        Path broken = Files.writeString(demo.home.resolve("broken.dcm"), "not DICOM");
        InstanceEntry bad = new InstanceEntry("2.25.1", good.sopClassUid(), broken, 2, 1, false, 128, 128, 1,
                good.transferSyntaxUid());
        SeriesStack stack = new SeriesStack(List.of(good, bad), Runnable::run);

        stack.start(Runnable::run);

        assertThat(stack.slice(0)).isNotNull();
        assertThat(stack.slice(1)).isNull();
        assertThat(stack.failure(1).file()).isEqualTo(broken);
        assertThat(stack.failure(1).reason()).isNotBlank();
    }

    @Test
    void closingStopsDecoding() {
        List<InstanceEntry> instances = demo.instances(DemoStudy.CURRENT_CT);
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        stack.addListener(i -> stack.close());

        stack.start(Runnable::run);

        assertThat(stack.slice(0)).isNotNull();
        assertThat(stack.slice(1)).isNull();
        assertThat(stack.anySlice()).isSameAs(stack.slice(0));
    }
}
