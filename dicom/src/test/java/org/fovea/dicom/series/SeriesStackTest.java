package org.fovea.dicom.series;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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

    private static final Path LENA = Path.of(System.getProperty("fovea.shared", "../../shared"),
            "testdata", "dicom", "series-lena");

    private static List<InstanceEntry> ctInstances() {
        return archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL));
    }

    private static InstanceEntry claimingSize(InstanceEntry e, int rows, int columns) {
        return new InstanceEntry(e.sopInstanceUid(), e.sopClassUid(), e.file(), e.instanceNumber(), e.sortKey(),
                e.geometric(), rows, columns, e.frames(), e.transferSyntaxUid());
    }

    /** The slice's stored values are those of its file, read alone. */
    private static void assertSameValuesAsItsFile(SeriesStack stack, int index, InstanceEntry entry) throws Exception {
        Frame frame = stack.slice(index).frame();
        Frame alone = DicomImage.read(entry.file()).frame(0);
        int n = alone.columns() * alone.rows();
        assertThat(frame.columns() * frame.rows()).isEqualTo(n);
        assertThat(Arrays.equals(frame.values(), frame.offset(), frame.offset() + n, alone.values(), 0, n))
                .as("stored values of slice %d", index).isTrue();
        assertThat(frame.maxStoredValue()).isEqualTo(alone.maxStoredValue());
    }

    @Test
    void slicesOfOneSizeShareOneArrayEachAViewOfItsOwnSegment() throws Exception {
        List<InstanceEntry> instances = ctInstances();
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        stack.focus(30);

        stack.start(Runnable::run);

        int n = 128 * 128;
        short[] shared = stack.slice(0).frame().values();
        assertThat(shared).hasSize(instances.size() * n);
        for (int i = 0; i < instances.size(); i++) {
            Frame frame = stack.slice(i).frame();
            if (i == 30) {
                // the slice shown first does not wait for the series' array to be allocated
                assertThat(frame.values()).as("slice %d", i).isNotSameAs(shared);
            } else {
                assertThat(frame.values()).as("slice %d", i).isSameAs(shared);
                assertThat(frame.offset()).as("slice %d", i).isEqualTo(i * n);
            }
            assertSameValuesAsItsFile(stack, i, instances.get(i));
        }
    }

    @Test
    void aSliceOfAnotherSizeThanItsEntrySaidGetsItsOwnArrayAndMixedSizesShareNone() throws Exception {
        List<InstanceEntry> ct = ctInstances().subList(0, 3);
        InstanceEntry radiograph = archive.instances(DemoStudy.CHEST_DR.seriesUid(DemoSize.SMALL)).get(0);
        List<InstanceEntry> lying = List.of(ct.get(0), ct.get(1), ct.get(2), claimingSize(radiograph, 128, 128));
        SeriesStack stack = new SeriesStack(lying, Runnable::run);

        stack.start(Runnable::run);

        assertThat(stack.slice(2).frame().values()).isSameAs(stack.slice(1).frame().values());
        assertThat(stack.slice(3).frame().columns()).isEqualTo(radiograph.columns());
        assertThat(stack.slice(3).frame().values()).isNotSameAs(stack.slice(1).frame().values());
        assertSameValuesAsItsFile(stack, 3, radiograph);

        SeriesStack mixed = new SeriesStack(List.of(ct.get(0), ct.get(1), ct.get(2), radiograph), Runnable::run);
        mixed.start(Runnable::run);
        assertThat(mixed.slice(2).frame().values()).isNotSameAs(mixed.slice(1).frame().values());
        assertSameValuesAsItsFile(mixed, 2, ct.get(2));
        assertSameValuesAsItsFile(mixed, 3, radiograph);
    }

    @Test
    void colourSlicesOfOneSizeKeepTheirOwnPixels() {
        List<InstanceEntry> lena = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new InstanceEntry("2.25.77" + i, "1.2.840.10008.5.1.4.1.1.7",
                        LENA.resolve("Lena-" + i + ".dcm"), i, i, false, 128, 128, 1, "1.2.840.10008.1.2.4.50"))
                .toList();
        SeriesStack stack = new SeriesStack(lena, Runnable::run);

        stack.start(Runnable::run);

        for (int i = 0; i < lena.size(); i++) {
            assertThat(stack.failure(i)).as("slice %d", i).isNull();
            assertThat(stack.slice(i).frame().kind()).isEqualTo(Frame.Kind.RGB);
        }
    }

    @Test
    void aClosedAndDroppedStackLeavesNothingHoldingTheSeriesArray() throws Exception {
        ExecutorService pool = SeriesStack.newDecodePool();
        try {
            WeakReference<short[]> array = decodeAllThenClose(pool);
            for (int i = 0; i < 50 && array.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(array.get()).as("the series' array after its stack was closed and dropped").isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    /** In a method of its own so that no local variable of the test keeps the stack. */
    private static WeakReference<short[]> decodeAllThenClose(ExecutorService pool) throws InterruptedException {
        SeriesStack stack = new SeriesStack(ctInstances(), Runnable::run);
        CountDownLatch all = new CountDownLatch(stack.size());
        stack.addListener(i -> all.countDown());
        stack.start(pool);
        assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
        stack.close();
        // slices decoded before the first image is out have their own arrays; the last one is shared
        short[] shared = stack.slice(stack.size() - 1).frame().values();
        assertThat(shared).hasSize(stack.size() * 128 * 128);
        return new WeakReference<>(shared);
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

    @Test
    void whoeverWaitsForTheWholeSeriesHearsWhenItIsClosedFirst() {
        SeriesStack stack = new SeriesStack(ctInstances(), Runnable::run);
        // never started: nothing will decode it
        stack.close();

        assertThat(stack.whenDecoded()).isCompletedExceptionally();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.whenDecoded().join())
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void aSeriesDecodedBeforeItIsClosedStaysDecoded() {
        SeriesStack stack = new SeriesStack(ctInstances(), Runnable::run);
        stack.start(Runnable::run);
        stack.close();

        assertThat(stack.whenDecoded()).isCompleted().isNotCompletedExceptionally();
    }
}
