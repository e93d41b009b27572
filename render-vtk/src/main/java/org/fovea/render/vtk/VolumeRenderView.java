package org.fovea.render.vtk;

import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.TransferFunction;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;
import org.fovea.render.volume.VrPreset;
import vtk.vtkCamera;
import vtk.vtkColorTransferFunction;
import vtk.vtkFixedPointVolumeRayCastMapper;
import vtk.vtkImageData;
import vtk.vtkMatrix4x4;
import vtk.vtkObjectBase;
import vtk.vtkPiecewiseFunction;
import vtk.vtkRenderWindow;
import vtk.vtkRenderer;
import vtk.vtkUnsignedCharArray;
import vtk.vtkVolume;
import vtk.vtkVolumePicker;
import vtk.vtkVolumeProperty;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Volume rendering of one {@link Volume} in an off-screen VTK window, read back as ARGB pixels for
 * any toolkit to show.
 *
 * <p><b>Threading.</b> VTK and OpenGL are not thread-safe, so every VTK call of a view runs on that
 * view's own thread, in the order the methods were called. Methods never block: each returns a
 * future completed on the render thread (a UI must hop back to its own thread to show a result).
 * A render request that is still queued when a newer one arrives is answered by the newer one's
 * image, so a fast drag never builds a backlog of stale frames.
 *
 * <p><b>Mapper.</b> vtkFixedPointVolumeRayCastMapper (CPU ray casting on all cores), chosen by
 * measurement on the target machine (2 cores, no GPU, Mesa llvmpipe), 512x512 view of a 512x512x300
 * CT with the bone preset, median of 5 frames: the fixed-point mapper takes 150 ms at full image
 * resolution and 1 mm steps, 75 ms at half resolution and 2 mm steps; vtkGPUVolumeRayCastMapper (and
 * vtkSmartVolumeMapper, which picks it) on llvmpipe takes 2400 ms at 1 mm steps and 600-800 ms even
 * at 4 mm steps. The CPU mapper also skips empty space and stops rays once opaque, which suits
 * bone and vessel presets.
 *
 * <p><b>Quality.</b> {@link Quality#INTERACTIVE} casts one ray per block of pixels and samples
 * coarser along it; the block size adapts after every interactive frame to keep frames near
 * {@value #INTERACTIVE_TARGET_MS} ms whatever the view size and preset. {@link Quality#FULL} casts
 * a ray per pixel with half-voxel steps.
 *
 * <p><b>Default view.</b> Anterior, as a radiologist faces the patient: the head up and the
 * patient's left on the screen's right; parallel projection so sizes do not depend on depth.
 */
public final class VolumeRenderView implements AutoCloseable {

    /** How hard to work for a frame. */
    public enum Quality {
        /** While the user drags: coarser, aiming at {@value VolumeRenderView#INTERACTIVE_TARGET_MS} ms. */
        INTERACTIVE,
        /** When the view is still: a ray per pixel, fine steps. */
        FULL
    }

    static final long INTERACTIVE_TARGET_MS = 90;
    /** Interactive image sample distance (pixels per ray, per side) limits: 1 is full resolution. */
    private static final double MIN_INTERACTIVE_BLOCK = 1.0, MAX_INTERACTIVE_BLOCK = 4.0;
    /** Steps along a ray as multiples of the smallest voxel spacing. */
    private static final double FULL_STEP = 0.5, INTERACTIVE_STEP = 1.5;
    /** Room around the volume in the default view. */
    private static final double FIT_MARGIN = 1.05;
    /** Below this opacity a voxel is see-through for picking. */
    private static final double PICK_OPACITY = 0.1;

    private final ExecutorService thread;
    private final Object requestLock = new Object();
    private long requestCount;
    private RenderRequest newestRequest;

    // Everything below is touched only on the render thread.
    private final vtkRenderWindow window;
    private final vtkRenderer renderer;
    private final vtkFixedPointVolumeRayCastMapper mapper;
    private final vtkVolume volumeProp;
    private final vtkVolumeProperty property;
    private final vtkPiecewiseFunction opacity;
    private final vtkPiecewiseFunction gradientOpacity;
    private final vtkColorTransferFunction colors;
    private final vtkVolumePicker picker;
    private final vtkUnsignedCharArray readBack;
    private vtkImageData image;
    private vtkMatrix4x4 imageToPatient;
    private Volume volume;
    private double smallestSpacing = 1;
    private double interactiveBlock = 2;
    private int width;
    private int height;

    private record RenderRequest(long number, CompletableFuture<VrImage> result) { }

    private VolumeRenderView(ExecutorService thread, int width, int height) {
        this.thread = thread;
        this.width = width;
        this.height = height;
        window = new vtkRenderWindow();
        window.SetOffScreenRendering(1);
        window.SetMultiSamples(0);
        window.SetSize(width, height);
        renderer = new vtkRenderer();
        renderer.SetBackground(0, 0, 0);
        window.AddRenderer(renderer);
        opacity = new vtkPiecewiseFunction();
        gradientOpacity = new vtkPiecewiseFunction();
        colors = new vtkColorTransferFunction();
        property = new vtkVolumeProperty();
        property.SetScalarOpacity(opacity);
        property.SetGradientOpacity(gradientOpacity);
        property.SetColor(colors);
        property.SetInterpolationTypeToLinear();
        mapper = new vtkFixedPointVolumeRayCastMapper();
        mapper.SetNumberOfThreads(Runtime.getRuntime().availableProcessors());
        mapper.SetAutoAdjustSampleDistances(0);
        mapper.SetCroppingRegionFlagsToSubVolume();
        volumeProp = new vtkVolume();
        volumeProp.SetProperty(property);
        volumeProp.SetMapper(mapper);
        picker = new vtkVolumePicker();
        picker.SetVolumeOpacityIsovalue(PICK_OPACITY);
        picker.PickCroppingPlanesOff();
        readBack = new vtkUnsignedCharArray();
        applyTransferFunction(VrPreset.CT_BONE.transferFunction(0, 0));
        resetCameraOnThread();
    }

    /**
     * Opens a view of {@code width} x {@code height} pixels, showing nothing until a volume is set.
     * The future fails with {@link VtkUnavailableException} (one sentence for the user) when VTK
     * cannot load or there is no display to render with.
     */
    public static CompletableFuture<VolumeRenderView> open(int width, int height) {
        checkSize(width, height);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fovea-vr-render");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<VolumeRenderView> view = CompletableFuture.supplyAsync(() -> {
            VtkRuntime.require();
            String display = System.getenv("DISPLAY");
            if (display == null || display.isBlank()) {
                // VTK would abort the whole process on a missing X server
                throw new VtkUnavailableException("3D is unavailable: VTK's off-screen rendering needs an X display "
                        + "and DISPLAY is not set.");
            }
            return new VolumeRenderView(thread, width, height);
        }, thread);
        view.whenComplete((v, e) -> {
            if (e != null) thread.shutdown();
        });
        return view;
    }

    /**
     * Shows {@code v}: its modality values are copied into VTK (the caller's array is not kept).
     * A volume of another geometry resets the camera and the clip box; one of the same geometry
     * keeps them, so a removal (bone, table) or its undo, which is simply another volume set here,
     * leaves the view where the user had it. The first frame after this works out the shading
     * normals (about 1-3 s for 512x512x300 on 2 cores).
     */
    public CompletableFuture<Void> setVolume(Volume v) {
        Objects.requireNonNull(v, "volume");
        return run(() -> {
            vtkImageData next = VtkVolumeData.imageData(v);
            boolean sameGeometry = volume != null && volume.geometry().equals(v.geometry())
                    && volume.columns() == v.columns() && volume.rows() == v.rows() && volume.slices() == v.slices();
            mapper.SetInputData(next);
            if (image != null) image.Delete();
            image = next;
            volume = v;
            if (!sameGeometry) {
                if (imageToPatient != null) imageToPatient.Delete();
                imageToPatient = VtkVolumeData.imageToPatient(v.geometry());
                volumeProp.SetUserMatrix(imageToPatient);
                double[] spacing = v.geometry().spacing();
                smallestSpacing = Math.min(spacing[0], Math.min(spacing[1], spacing[2]));
                applyClipBox(ClipBox.WHOLE);
                if (renderer.GetVolumes().GetNumberOfItems() == 0) renderer.AddVolume(volumeProp);
                resetCameraOnThread();
            }
            return null;
        });
    }

    /** Renders with this transfer function from now on (a preset, or the curve editor's result). */
    public CompletableFuture<Void> setTransferFunction(TransferFunction f) {
        Objects.requireNonNull(f, "transfer function");
        return run(() -> {
            applyTransferFunction(f);
            return null;
        });
    }

    /**
     * Rotates the camera around the centre of the view: {@code azimuthDeg} about the screen's
     * vertical axis (positive moves the camera to the right, so the patient turns to the left),
     * then {@code elevationDeg} about its horizontal axis (positive moves the camera up).
     */
    public CompletableFuture<Void> rotate(double azimuthDeg, double elevationDeg) {
        return run(() -> {
            vtkCamera c = renderer.GetActiveCamera();
            c.Azimuth(azimuthDeg);
            c.Elevation(elevationDeg);
            c.OrthogonalizeViewUp();
            return null;
        });
    }

    /** Magnifies by {@code factor} (2 shows everything twice as large). */
    public CompletableFuture<Void> zoom(double factor) {
        if (!(factor > 0)) throw new IllegalArgumentException("zoom factor " + factor + " must be positive");
        return run(() -> {
            renderer.GetActiveCamera().Zoom(factor);
            return null;
        });
    }

    /** Moves the picture by ({@code dxPixels} right, {@code dyPixels} down) on screen, as a drag does. */
    public CompletableFuture<Void> pan(double dxPixels, double dyPixels) {
        return run(() -> {
            vtkCamera c = renderer.GetActiveCamera();
            double mmPerPixel = 2 * c.GetParallelScale() / height;
            Vec3 up = Vec3.of(c.GetViewUp()).normalized();
            Vec3 right = Vec3.of(c.GetDirectionOfProjection()).cross(up).normalized();
            // the camera moves against the picture
            Vec3 shift = right.times(-dxPixels * mmPerPixel).plus(up.times(dyPixels * mmPerPixel));
            Vec3 focal = Vec3.of(c.GetFocalPoint()).plus(shift);
            c.SetFocalPoint(focal.x(), focal.y(), focal.z());
            Vec3 position = Vec3.of(c.GetPosition()).plus(shift);
            c.SetPosition(position.x(), position.y(), position.z());
            return null;
        });
    }

    /** Back to the default anterior view of the whole volume. */
    public CompletableFuture<Void> resetCamera() {
        return run(() -> {
            resetCameraOnThread();
            return null;
        });
    }

    /** Shows only the part of the volume inside {@code box}. */
    public CompletableFuture<Void> setClipBox(ClipBox box) {
        Objects.requireNonNull(box, "clip box");
        return run(() -> {
            applyClipBox(box);
            return null;
        });
    }

    /** Shows the whole volume again. */
    public CompletableFuture<Void> clearClipBox() {
        return setClipBox(ClipBox.WHOLE);
    }

    /** Renders at {@code width} x {@code height} pixels from now on; the camera keeps its place and scale. */
    public CompletableFuture<Void> resize(int newWidth, int newHeight) {
        checkSize(newWidth, newHeight);
        return run(() -> {
            width = newWidth;
            height = newHeight;
            window.SetSize(newWidth, newHeight);
            return null;
        });
    }

    /**
     * Renders the current state. The image reflects every call made before this one; when a newer
     * render is requested before this one started, this future gets the newer image.
     */
    public CompletableFuture<VrImage> render(Quality quality) {
        Objects.requireNonNull(quality, "quality");
        CompletableFuture<VrImage> result = new CompletableFuture<>();
        RenderRequest request;
        synchronized (requestLock) {
            request = new RenderRequest(++requestCount, result);
            newestRequest = request;
        }
        try {
            thread.execute(() -> {
                RenderRequest newest;
                synchronized (requestLock) {
                    newest = newestRequest;
                }
                if (newest.number() > request.number()) {
                    newest.result().whenComplete((img, e) -> {
                        if (e != null) result.completeExceptionally(e);
                        else result.complete(img);
                    });
                    return;
                }
                try {
                    result.complete(renderOnThread(quality));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closed());
        }
        return result;
    }

    /**
     * The patient point (LPS mm) of the first surface visible under pixel ({@code x}, {@code y}),
     * row 0 at the top, in the current view: where a click in 3D puts the 3D cursor. Empty when the
     * ray meets nothing visible. A voxel counts as visible when the opacity curve gives it at least
     * {@value #PICK_OPACITY}, in every blend mode (a MIP's brightest voxel is not searched for).
     */
    public CompletableFuture<Optional<Vec3>> pick(int x, int y) {
        return run(() -> {
            if (volume == null) return Optional.empty();
            renderer.ResetCameraClippingRange();
            // VTK counts display rows from the bottom
            if (picker.Pick(x + 0.5, height - y - 0.5, 0, renderer) == 0 || picker.GetProp3D() == null) {
                return Optional.empty();
            }
            return Optional.of(Vec3.of(picker.GetPickPosition()));
        });
    }

    /**
     * Releases the window, its OpenGL context and VTK's copy of the volume, on the render thread
     * after what is already queued; returns at once. Later calls fail.
     */
    @Override
    public void close() {
        try {
            thread.execute(() -> {
                window.Finalize();
                if (image != null) image.Delete();
                if (imageToPatient != null) imageToPatient.Delete();
                for (vtkObjectBase o : new vtkObjectBase[] {
                    picker, volumeProp, mapper, property, opacity, gradientOpacity, colors, renderer, window, readBack}) {
                    o.Delete();
                }
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        thread.shutdown();
    }

    private VrImage renderOnThread(Quality quality) {
        long start = System.nanoTime();
        double block = quality == Quality.FULL ? 1 : interactiveBlock;
        mapper.SetImageSampleDistance((float) block);
        mapper.SetSampleDistance((float) ((quality == Quality.FULL ? FULL_STEP : INTERACTIVE_STEP) * smallestSpacing));
        renderer.ResetCameraClippingRange();
        window.Render();
        window.GetRGBACharPixelData(0, 0, width - 1, height - 1, 1, readBack, 0);
        byte[] rgba = readBack.GetJavaArray();
        int[] argb = new int[width * height];
        for (int row = 0; row < height; row++) {
            int src = (height - 1 - row) * width * 4;
            int dst = row * width;
            for (int x = 0; x < width; x++, src += 4) {
                argb[dst + x] = 0xFF000000 | (rgba[src] & 0xFF) << 16 | (rgba[src + 1] & 0xFF) << 8 | rgba[src + 2] & 0xFF;
            }
        }
        vtkMatrix4x4 projection = renderer.GetActiveCamera()
                .GetCompositeProjectionTransformMatrix((double) width / height, -1, 1);
        double[] worldToView = new double[16];
        for (int i = 0; i < 16; i++) worldToView[i] = projection.GetElement(i / 4, i % 4);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (quality == Quality.INTERACTIVE && volume != null) adaptInteractiveBlock(millis);
        return new VrImage(argb, width, height, millis, quality, block, worldToView);
    }

    /** Ray count goes with 1/block², so the block that would have met the target is block * sqrt(time / target). */
    private void adaptInteractiveBlock(long millis) {
        double ideal = interactiveBlock * Math.sqrt(Math.max(millis, 1) / (double) INTERACTIVE_TARGET_MS);
        // move part way: one slow frame (a busy machine) should not halve the resolution
        double next = interactiveBlock + 0.5 * (ideal - interactiveBlock);
        interactiveBlock = Math.max(MIN_INTERACTIVE_BLOCK, Math.min(MAX_INTERACTIVE_BLOCK, next));
    }

    private void applyTransferFunction(TransferFunction f) {
        opacity.RemoveAllPoints();
        for (TransferFunction.OpacityPoint p : f.opacityPoints()) opacity.AddPoint(p.value(), p.opacity());
        colors.RemoveAllPoints();
        for (TransferFunction.ColorPoint p : f.colorPoints()) colors.AddRGBPoint(p.value(), p.red(), p.green(), p.blue());
        gradientOpacity.RemoveAllPoints();
        if (f.gradientOpacityPoints().isEmpty()) {
            property.DisableGradientOpacityOn();
        } else {
            for (TransferFunction.OpacityPoint p : f.gradientOpacityPoints()) gradientOpacity.AddPoint(p.value(), p.opacity());
            property.DisableGradientOpacityOff();
        }
        switch (f.blendMode()) {
            case COMPOSITE -> mapper.SetBlendModeToComposite();
            case MIP -> mapper.SetBlendModeToMaximumIntensity();
            case MINIP -> mapper.SetBlendModeToMinimumIntensity();
        }
        TransferFunction.Lighting light = f.lighting();
        property.SetShade(light.shade() ? 1 : 0);
        property.SetAmbient(light.ambient());
        property.SetDiffuse(light.diffuse());
        property.SetSpecular(light.specular());
        property.SetSpecularPower(light.specularPower());
    }

    /** Cropping planes are in the image data's coordinates (index times spacing), so the box follows the voxel grid. */
    private void applyClipBox(ClipBox box) {
        if (volume == null) return;
        if (box.equals(ClipBox.WHOLE)) {
            mapper.CroppingOff();
            return;
        }
        double[] spacing = volume.geometry().spacing();
        double iEnd = (volume.columns() - 1) * spacing[0];
        double jEnd = (volume.rows() - 1) * spacing[1];
        double kEnd = (volume.slices() - 1) * spacing[2];
        mapper.SetCroppingRegionPlanes(box.iMin() * iEnd, box.iMax() * iEnd, box.jMin() * jEnd, box.jMax() * jEnd,
                box.kMin() * kEnd, box.kMax() * kEnd);
        mapper.CroppingOn();
    }

    private void resetCameraOnThread() {
        vtkCamera c = renderer.GetActiveCamera();
        c.ParallelProjectionOn();
        Vec3 centre = volume == null ? new Vec3(0, 0, 0) : centre(volume);
        // anterior view: the camera in front of the patient (-y in LPS) looking back (+y), head (+z) up,
        // which puts the patient's left (+x) on the right
        c.SetFocalPoint(centre.x(), centre.y(), centre.z());
        c.SetPosition(centre.x(), centre.y() - 1, centre.z());
        c.SetViewUp(0, 0, 1);
        renderer.ResetCamera();
        if (volume != null) {
            // ResetCamera fits the bounding sphere, which leaves a CT's box small in the middle; fit
            // the box as seen from the front instead: its left-right and head-foot extents
            double[] b = volumeProp.GetBounds();
            double halfWidth = (b[1] - b[0]) / 2, halfHeight = (b[5] - b[4]) / 2;
            c.SetParallelScale(FIT_MARGIN * Math.max(halfHeight, halfWidth * height / width));
        }
    }

    private static Vec3 centre(Volume v) {
        VolumeGeometry g = v.geometry();
        return g.toPatient((v.columns() - 1) / 2.0, (v.rows() - 1) / 2.0, (v.slices() - 1) / 2.0);
    }

    private <T> CompletableFuture<T> run(Supplier<T> onRenderThread) {
        try {
            return CompletableFuture.supplyAsync(onRenderThread, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(closed());
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("the volume rendering view is closed");
    }

    private static void checkSize(int w, int h) {
        if (w <= 0 || h <= 0) throw new IllegalArgumentException("view size " + w + "x" + h);
    }
}
