package org.fovea.dicom.series;

import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.render.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The images of one series, decoded in the background (V31): the slice a viewport shows is
 * decoded first, then its neighbours outwards, so the first image appears as soon as it is read
 * and scrolling finds its neighbours ready while the rest streams in. One worker per core claims
 * slices from the same queue, because decoding (PixelMed parsing) costs more than reading the
 * bytes. Every frame of a multi-frame instance is one slice. Listeners hear of each decoded (or
 * failed) slice on the executor given for them, the UI thread in the viewer.
 *
 * <p>When every instance is one grayscale frame of the same size, the slices are decoded into one
 * array for the whole series and each slice's frame is a view of its segment. Hundreds of
 * separate 512 KB arrays, all alive until the stack goes, were copied by every young collection
 * while the series loaded, which doubled or tripled its load time; one large array is never
 * copied. A slice that turns out to be colour or of another size than its archive entry said
 * gets an array of its own.
 */
public final class SeriesStack {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesStack.class);
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Below the JVM's largest array: a series needing more than this keeps one array per slice
     * (which the heap may still hold when a single array of that size cannot be had).
     */
    private static final long MAX_SHARED_VALUES = Integer.MAX_VALUE - 16;

    /** {@code sortKey}: the instance's place along the slice normal in mm, NaN when unknown. */
    private record Source(Path file, int frame, String sopInstanceUid, double sortKey) {
    }

    private final List<Source> sources = new ArrayList<>();
    private final Slice[] slices;
    private final SliceFailure[] failures;
    private final boolean[] claimed;
    private final Executor listenerExecutor;
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> decoded = new CompletableFuture<>();
    private volatile int focus;
    private volatile boolean closed;
    private int remaining;
    /** Stored values per slice when all slices can share one array, else 0. */
    private final int sliceValues;
    /**
     * Guards the series' array apart from the stack's own lock, so that the UI thread asking
     * for a slice never waits while the array is allocated.
     */
    private final Object sharedLock = new Object();
    /** The series' stored values, allocated when the first slice needs them. */
    private short[] sharedValues;
    private boolean sharedUnavailable;
    /** Set once the first slice is out: only then is the series' array allocated. */
    private volatile boolean firstPublished;

    /** Instances in display order, as the archive sorts them. */
    public SeriesStack(List<InstanceEntry> instances, Executor listenerExecutor) {
        for (InstanceEntry e : instances) {
            for (int f = 0; f < Math.max(1, e.frames()); f++) {
                // the frames of one instance share its position: only a single frame's is known
                boolean known = e.geometric() && e.frames() <= 1;
                sources.add(new Source(e.file(), f, e.sopInstanceUid(), known ? e.sortKey() : Double.NaN));
            }
        }
        slices = new Slice[sources.size()];
        failures = new SliceFailure[sources.size()];
        claimed = new boolean[sources.size()];
        remaining = sources.size();
        if (remaining == 0) {
            decoded.complete(null);
        }
        this.listenerExecutor = listenerExecutor;
        sliceValues = sharedSliceValues(instances);
    }

    /** The SOP Instance UID of the image at {@code index}. */
    public String sopInstanceUid(int index) { return sources.get(index).sopInstanceUid(); }

    /** The file the image at {@code index} is read from. */
    public Path file(int index) { return sources.get(index).file(); }

    /** The frame number (1-based, as DICOM counts) within its instance of the image at {@code index}. */
    public int frameNumber(int index) { return sources.get(index).frame() + 1; }

    /** The index of frame {@code frameNumber} (1-based) of an instance, or -1 when the stack has none. */
    public int indexOf(String sopInstanceUid, int frameNumber) {
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            if (s.sopInstanceUid().equals(sopInstanceUid) && s.frame() + 1 == frameNumber) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where image {@code index} lies along its slice normal (Image Position (Patient) projected on
     * row x column direction), in mm: from the decoded slice when there is one, else from the
     * archive's index, so a linked viewport finds its place before the image is decoded. NaN when
     * neither knows (no geometry, or a frame of a multi-frame image not yet decoded).
     */
    public double location(int index) {
        Slice s = slice(index);
        if (s != null && s.plane() != null) {
            return s.plane().position().dot(s.plane().normal());
        }
        return sources.get(index).sortKey();
    }

    /** Values per slice when every instance is one frame of the same size and all fit one array, else 0. */
    private static int sharedSliceValues(List<InstanceEntry> instances) {
        if (instances.isEmpty()) {
            return 0;
        }
        InstanceEntry first = instances.get(0);
        for (InstanceEntry e : instances) {
            if (e.frames() > 1 || e.rows() != first.rows() || e.columns() != first.columns()) {
                return 0;
            }
        }
        long perSlice = (long) first.rows() * first.columns();
        return perSlice > 0 && perSlice * instances.size() <= MAX_SHARED_VALUES ? (int) perSlice : 0;
    }

    public int size() { return slices.length; }

    /** The decoded slice, or null while it is still decoding (or failed). */
    public synchronized Slice slice(int index) { return slices[index]; }

    /** Why a slice could not be shown, or null. */
    public synchronized SliceFailure failure(int index) { return failures[index]; }

    /** Any decoded slice, for what all slices share (patient, study, series); null before the first. */
    public synchronized Slice anySlice() {
        for (Slice s : slices) {
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * Completes once every slice is decoded or has failed (on a decoding thread), e.g. for 3D,
     * which needs the whole series; fails with a {@link CancellationException} when the stack is
     * closed before that.
     */
    public CompletableFuture<Void> whenDecoded() { return decoded; }

    /** How many slices are decoded or failed so far, for progress. */
    public synchronized int finished() { return slices.length - remaining; }

    /**
     * The array the slices of the shared size were decoded into, and the values per slice; null
     * when the series has none. For {@link VolumeBuilder}, which fills in the few slices decoded
     * before the array existed and then shares it as the volume's voxels.
     */
    short[] sharedArray() {
        synchronized (sharedLock) {
            return sharedValues;
        }
    }

    int sharedSliceValues() { return sliceValues; }

    /** Called with the index of each slice that becomes available or fails. */
    public void addListener(IntConsumer listener) { listeners.add(listener); }

    public void removeListener(IntConsumer listener) { listeners.remove(listener); }

    /** Decode this slice next and then its neighbours. */
    public void focus(int index) { focus = index; }

    /** Starts one decoding worker per core on the given executor; returns at once. */
    public void start(Executor decodeExecutor) {
        for (int i = 0; i < WORKERS; i++) {
            decodeExecutor.execute(this::decodeAll);
        }
    }

    /** A pool for {@link #start}: one daemon thread per core, named for thread dumps. */
    public static ExecutorService newDecodePool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "fovea-decode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stops decoding after the slice in progress; decoded slices stay readable. The series'
     * array lives on only through the slices: once they and the stack are dropped it is garbage.
     */
    public void close() {
        closed = true;
        // whoever waits for the whole series (3D) hears that it will not come
        decoded.completeExceptionally(new CancellationException("the series was closed before it was decoded"));
    }

    private void decodeAll() {
        DicomImage open = null;
        Path openFile = null;
        int next;
        while (!closed && (next = nextToDecode()) >= 0) {
            Source src = sources.get(next);
            Slice slice = null;
            SliceFailure failure = null;
            try {
                if (!src.file().equals(openFile)) {
                    open = null;
                    openFile = src.file();
                    open = DicomImage.read(src.file());
                }
                Frame frame = decode(open, next, src.frame());
                // the renderer needs the value range; scanning it here keeps it off the UI thread
                frame.minStoredValue();
                slice = new Slice(open.header(), open.pixelInfo(src.frame()), frame,
                        open.plane(src.frame()), open.spacing().orElse(null), open.scale());
            } catch (DicomReadException e) {
                LOG.warn("cannot decode {}", src.file(), e);
                failure = new SliceFailure(src.file(), e.reason());
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.error("cannot decode {}", src.file(), e);
                failure = new SliceFailure(src.file(), null);
            }
            publish(next, slice, failure);
        }
    }

    /** Into the series' array when the slice is grayscale of the shared size, else into its own. */
    private Frame decode(DicomImage image, int slice, int frame) throws DicomReadException {
        short[] shared = image.colour() || (long) image.columns() * image.rows() != sliceValues
                ? null : sharedValues();
        return shared != null ? image.frameInto(frame, shared, slice * sliceValues) : image.frame(frame);
    }

    /**
     * The series' array, allocated on first need after the first slice is out; null before
     * that, after closing, or when the heap cannot hold it. Allocating a 300-slice CT's 157 MB
     * takes tens of milliseconds (the memory is zeroed, touched for the first time in a fresh
     * heap, and may start a collection that pauses every thread), so nothing decoded before
     * the first image is shown waits for it or is paused by it: those slices get their own arrays.
     */
    private short[] sharedValues() {
        if (sliceValues == 0 || closed || !firstPublished) {
            return null;
        }
        synchronized (sharedLock) {
            if (sharedValues == null && !sharedUnavailable) {
                try {
                    sharedValues = new short[slices.length * sliceValues];
                } catch (OutOfMemoryError e) {
                    LOG.warn("no room for one array of {} slices of {} values: each slice gets its own",
                            slices.length, sliceValues);
                    sharedUnavailable = true;
                }
            }
            return sharedValues;
        }
    }

    /** Claims the undecoded slice nearest the focus, or -1 when every slice is claimed. */
    private synchronized int nextToDecode() {
        if (remaining == 0) {
            return -1;
        }
        int f = Math.max(0, Math.min(slices.length - 1, focus));
        for (int d = 0; d < slices.length; d++) {
            if (f + d < slices.length && !claimed[f + d]) {
                return claim(f + d);
            }
            if (f - d >= 0 && !claimed[f - d]) {
                return claim(f - d);
            }
        }
        return -1;
    }

    private int claim(int index) {
        claimed[index] = true;
        return index;
    }

    private void publish(int index, Slice slice, SliceFailure failure) {
        boolean last;
        synchronized (this) {
            slices[index] = slice;
            failures[index] = failure;
            remaining--;
            last = remaining == 0;
        }
        firstPublished = true;
        if (last) {
            decoded.complete(null);
        }
        listenerExecutor.execute(() -> listeners.forEach(l -> l.accept(index)));
    }
}
