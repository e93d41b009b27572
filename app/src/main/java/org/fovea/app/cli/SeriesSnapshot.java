package org.fovea.app.cli;

import org.fovea.app.ui.threed.ReformatSnapshot;
import org.fovea.app.view.ViewSpec;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.series.NotAVolumeException;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.SliceFailure;
import org.fovea.dicom.series.VolumeBuilder;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.Voi;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Planes;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlabMode;
import org.fovea.render.volume.SlicePlane;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.segment.BoneRemoval;
import org.fovea.render.volume.segment.TableRemoval;
import org.fovea.render.volume.segment.VolumeMasks;
import org.fovea.render.volume.segment.VoxelMask;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * {@code snapshot --series UID --view ...}: a series of the local archive as the 3D page shows it,
 * through the same volume, reslicer and painter, written as PNG at one plane pixel per PNG pixel.
 */
final class SeriesSnapshot {

    private final Path home;
    private final String seriesUid;
    private final ViewSpec view;
    private final String at;
    private final Voi voi;
    private final boolean overlay;
    private final boolean invert;
    private final Locale locale;
    private final List<String> remove;

    SeriesSnapshot(Path home, String seriesUid, String view, String at, Voi voi, boolean overlay, boolean invert,
                   Locale locale, List<String> remove) {
        this.home = home;
        this.seriesUid = seriesUid;
        try {
            this.view = ViewSpec.parse(view);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        this.at = at;
        this.voi = voi;
        this.overlay = overlay;
        this.invert = invert;
        this.locale = locale;
        this.remove = remove.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
        for (String r : this.remove) {
            if (!r.equals("bone") && !r.equals("table")) {
                throw new UserError("--remove expects bone, table or bone,table; got '" + r + "'");
            }
        }
        if (!this.remove.isEmpty() && this.view.kind() != ViewSpec.Kind.VR) {
            throw new UserError("--remove applies to --view vr:PRESET only");
        }
    }

    void write(Path out) throws Exception {
        Volume volume = load();
        Vec3 through = at == null ? centre(volume) : parsePoint(at);
        BufferedImage png = switch (view.kind()) {
            case VR -> VolumeSnapshot.render(removed(volume), view.preset());
            default -> reformat(volume, through);
        };
        SnapshotCommand.writePng(png, out);
    }

    private BufferedImage reformat(Volume volume, Vec3 through) throws Exception {
        SlicePlane plane = switch (view.kind()) {
            case OBLIQUE -> Planes.oblique(volume, through, view.azimuthDeg(), view.elevationDeg());
            default -> switch (view.axis()) {
                case AXIAL -> Planes.axial(volume, through);
                case CORONAL -> Planes.coronal(volume, through);
                case SAGITTAL -> Planes.sagittal(volume, through);
            };
        };
        Slab slab = switch (view.kind()) {
            case MIP -> new Slab(view.slabMm(), SlabMode.MIP);
            case MINIP -> new Slab(view.slabMm(), SlabMode.MINIP);
            default -> Slab.NONE;
        };
        Frame frame = new Reslicer(volume).reslice(plane, slab);
        if (overlay) {
            String key = view.kind() == ViewSpec.Kind.OBLIQUE ? "mpr.oblique"
                    : "mpr." + view.axis().name().toLowerCase(Locale.ROOT);
            return ReformatSnapshot.render(frame, volume.pixelInfo(), plane, header, key, slab, through, voi, locale);
        }
        BufferedImage img = new BufferedImage(frame.columns(), frame.rows(), BufferedImage.TYPE_INT_RGB);
        int[] argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        new FrameRenderer().render(frame, volume.pixelInfo(), voi, invert, argb);
        return img;
    }

    private org.fovea.dicom.ImageHeader header;

    /** The series from the archive, decoded on all cores and checked to be a volume. */
    private Volume load() throws Exception {
        if (!Files.isDirectory(home.resolve("db"))) {
            throw new UserError("no local archive in " + home + " (run ./fovea demo or ./fovea import first)");
        }
        List<InstanceEntry> instances;
        try (LocalArchive archive = LocalArchive.open(home)) {
            instances = archive.instances(seriesUid);
        }
        if (instances.isEmpty()) {
            throw new UserError("series " + seriesUid + " is not in the local archive " + home
                    + " (./fovea ls --json lists the series)");
        }
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        ExecutorService pool = SeriesStack.newDecodePool();
        try {
            stack.start(pool);
            stack.whenDecoded().get();
        } finally {
            pool.shutdownNow();
        }
        try {
            Volume v = VolumeBuilder.build(stack);
            header = stack.anySlice().header();
            return v;
        } catch (NotAVolumeException e) {
            SliceFailure first = null;
            for (int i = 0; i < stack.size() && first == null; i++) {
                first = stack.failure(i);
            }
            throw new UserError("series " + seriesUid + " cannot be shown in 3D: " + e.getMessage()
                    + (first == null ? "" : " (" + first.file() + ")"));
        }
    }

    /** The volume with what --remove names hidden, as the 3D page's removal buttons hide it. */
    private Volume removed(Volume v) {
        if (remove.isEmpty()) {
            return v;
        }
        VoxelMask mask = new VoxelMask(v.columns(), v.rows(), v.slices());
        if (remove.contains("bone")) {
            mask.or(BoneRemoval.bones(v));
        }
        if (remove.contains("table")) {
            mask.or(TableRemoval.table(v));
        }
        return VolumeMasks.masked(v, mask);
    }

    private static Vec3 centre(Volume v) {
        return v.geometry().toPatient((v.columns() - 1) / 2.0, (v.rows() - 1) / 2.0, (v.slices() - 1) / 2.0);
    }

    static Vec3 parsePoint(String text) {
        String[] p = text.split(",");
        try {
            if (p.length == 3) {
                return new Vec3(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                        Double.parseDouble(p[2].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UserError("--at expects X,Y,Z in patient mm, e.g. --at -80,-20,60; got '" + text + "'");
    }
}
