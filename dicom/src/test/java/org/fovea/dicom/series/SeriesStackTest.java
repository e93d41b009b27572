package org.fovea.dicom.series;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesStackTest {

    @TempDir
    static Path home;
    private static LocalArchive archive;

    @BeforeAll
    static void createDemo() {
        archive = LocalArchive.open(home);
        DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
    }

    @AfterAll
    static void closeDemo() {
        archive.close();
    }

    private static List<InstanceEntry> ctInstances() {
        return archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL));
    }

    @Test
    void theFocusedSliceIsDecodedFirstThenItsNeighboursOutwards() {
        List<InstanceEntry> instances = ctInstances();
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
        InstanceEntry good = ctInstances().get(0);
        Path broken = Files.writeString(home.resolve("broken.dcm"), "not DICOM");
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
        List<InstanceEntry> instances = ctInstances();
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        stack.addListener(i -> stack.close());

        stack.start(Runnable::run);

        assertThat(stack.slice(0)).isNotNull();
        assertThat(stack.slice(1)).isNull();
        assertThat(stack.anySlice()).isSameAs(stack.slice(0));
    }

    @Test
    void workersOnEveryCoreDecodeEverySliceExactlyOnce() throws Exception {
        List<InstanceEntry> instances = ctInstances();
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(instances.size());
        stack.addListener(i -> {
            order.add(i);
            all.countDown();
        });
        stack.focus(10);
        java.util.concurrent.ExecutorService pool = SeriesStack.newDecodePool();
        try {
            stack.start(pool);
            assertThat(all.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(order).doesNotHaveDuplicates().hasSize(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            assertThat(stack.slice(i).header().sopInstanceUid()).isEqualTo(instances.get(i).sopInstanceUid());
        }
    }
}
