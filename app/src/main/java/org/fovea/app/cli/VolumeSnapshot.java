package org.fovea.app.cli;

import org.fovea.render.volume.VrPreset;
import org.fovea.render.volume.Volume;
import org.fovea.render.vtk.VolumeRenderView;
import org.fovea.render.vtk.VrImage;
import org.fovea.render.vtk.VtkUnavailableException;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code snapshot --view vr:PRESET}: the volume rendered at full quality through the same
 * {@link VolumeRenderView} as the 3D page, in its default view (anterior, head up).
 */
final class VolumeSnapshot {

    /** The PNG's size: the 3D page's VR view is about this size on a 1080p screen. */
    static final int SIZE = 768;

    private VolumeSnapshot() {
    }

    static BufferedImage render(Volume volume, String presetKey) throws Exception {
        VrPreset preset = VrPreset.byKey(presetKey).orElseThrow(() -> new UserError("unknown VR preset '" + presetKey
                + "'; choose one of " + Arrays.stream(VrPreset.values()).map(VrPreset::key)
                .collect(Collectors.joining(", "))));
        VolumeRenderView view;
        try {
            view = VolumeRenderView.open(SIZE, SIZE).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VtkUnavailableException u) {
                throw new UserError(u.getMessage());
            }
            throw e;
        }
        try {
            view.setVolume(volume).get();
            view.setTransferFunction(preset.transferFunction(volume)).get();
            VrImage image = view.render(VolumeRenderView.Quality.FULL).get(120, TimeUnit.SECONDS);
            BufferedImage png = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
            int[] target = ((DataBufferInt) png.getRaster().getDataBuffer()).getData();
            System.arraycopy(image.argb(), 0, target, 0, target.length);
            return png;
        } finally {
            view.close();
        }
    }
}
