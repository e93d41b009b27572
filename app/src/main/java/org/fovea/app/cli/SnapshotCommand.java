package org.fovea.app.cli;

import org.fovea.app.ui.viewer.HungSnapshot;
import org.fovea.app.ui.viewer.ViewportSnapshot;
import org.fovea.app.view.OverlayLayouts;
import org.fovea.app.view.SettingsFile;
import org.fovea.dicom.DicomImage;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.Voi;
import org.fovea.render.WindowLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import java.util.List;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Writes one frame as PNG at native resolution through the viewer's own render path:
 * FrameRenderer for the pixels, and with --overlay the viewer's viewport node with its overlays.
 */
@Command(name = "snapshot", description = {"Render one frame to PNG exactly as the viewer shows it,",
        "a 3D view of a series in the local archive (--series UID --view ...),",
        "or the viewer with a study hung by its protocol (--study UID --hang)."})
final class SnapshotCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A DICOM file (or use --series).")
    private Path file;

    @Option(names = "--series", paramLabel = "UID",
            description = "A series in the local archive, shown in 3D as --view says (see ./fovea ls --json).")
    private String series;

    @Option(names = "--study", paramLabel = "UID",
            description = "With --hang: a study in the local archive (see ./fovea ls --json).")
    private String study;

    @Option(names = "--hang", description = "With --study: the viewer as the study's hanging protocol hangs it when it "
            + "opens, priors from the local archive, overlays and reference lines included.")
    private boolean hang;

    @Option(names = "--screen", paramLabel = "WxH", defaultValue = "1920x1080",
            description = "With --hang: the viewer's size in pixels. Default: ${DEFAULT-VALUE}.")
    private String screen;

    @Option(names = "--image", paramLabel = "N", defaultValue = "0",
            description = "With --hang: the first viewport at image N (from 1); the viewports linked to it follow.")
    private int image;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "axial",
            description = "With --series: axial|coronal|sagittal|oblique:AZ,EL|mip:AXIS,MM|minip:AXIS,MM|vr:PRESET "
                    + "(AXIS: axial, coronal or sagittal; PRESET: ct-bone, ct-angio, ct-lung, ct-soft-tissue, ct-mip, mr). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String view;

    @Option(names = "--remove", paramLabel = "WHAT", split = ",",
            description = "With --view vr:...: remove bone, table or both (bone,table) from the rendering, as the 3D page's one-click buttons do.")
    private java.util.List<String> remove = java.util.List.of();

    @Option(names = "--at", paramLabel = "X,Y,Z",
            description = "With --series: the point the planes pass through, patient mm (default: the volume's centre).")
    private String at;

    @Option(names = "--out", required = true, paramLabel = "OUT.png", description = "The PNG to write.")
    private Path out;

    @Option(names = "--wl", paramLabel = "WIDTH,CENTER",
            description = "Window width and centre in modality units (HU for CT); default: the file's own window.")
    private String wl;

    @Option(names = "--frame", defaultValue = "1", paramLabel = "N", description = "Frame number, from 1 (multi-frame images).")
    private int frameNumber;

    @Option(names = "--overlay", description = "Draw the viewer's overlays (patient, study, image n/N, W/L, orientation, scale), "
            + "the four corners as FOVEA_HOME/settings/overlay.json lays them out.")
    private boolean overlay;

    @Option(names = "--invert", description = "Invert the gray levels, as the viewer's invert.")
    private boolean invert;

    @Option(names = "--lang", description = "Overlay language: zh or en (default: the system locale).")
    private String lang;

    @Override
    public Integer call() throws Exception {
        if ((file == null ? 0 : 1) + (series == null ? 0 : 1) + (study == null ? 0 : 1) != 1) {
            throw new UserError("give one of a DICOM FILE, --series UID or --study UID --hang");
        }
        if ((study != null) != hang) {
            throw new UserError(hang ? "--hang needs --study UID" : "--study UID goes with --hang");
        }
        Path parentDir = out.toAbsolutePath().getParent();
        if (parentDir != null) {
            Files.createDirectories(parentDir);
        }
        if (study != null) {
            int[] size = parseScreen(screen);
            try (LocalArchive archive = LocalArchive.open(parent.home())) {
                if (archive.study(study).isEmpty()) {
                    throw new UserError("no study " + study + " in the local archive " + parent.home());
                }
                HungSnapshot.Result r = HungSnapshot.render(archive, parent.home(), study, size[0], size[1],
                        GuiCommand.locale(lang), problems -> spec.commandLine().getErr()
                                .println("Hanging protocols not read:\n" + problems), Math.max(0, image));
                writePng(r.png(), out);
                // what each viewport shows, row by row: hanging can be checked without looking
                for (int i = 0; i < r.viewports().size(); i++) {
                    spec.commandLine().getOut().println("viewport " + (i + 1) + ": " + r.viewports().get(i));
                }
            }
            return 0;
        }
        if (series != null) {
            new SeriesSnapshot(parent.home(), series, view, at, parseWindow(wl), overlay, invert,
                    GuiCommand.locale(lang), remove).write(out);
            return 0;
        }
        DicomImage image = DicomImage.read(file);
        if (frameNumber < 1 || frameNumber > image.frameCount()) {
            throw new UserError(file.getFileName() + ": has " + image.frameCount() + " frame(s); --frame " + frameNumber
                    + " is out of range");
        }
        Voi voi = parseWindow(wl);
        if (overlay) {
            Locale locale = GuiCommand.locale(lang);
            int[] place = placeInSeries(image, frameNumber - 1);
            SettingsFile.Loaded<OverlayLayouts> layouts = OverlayLayouts.load(parent.home());
            // the viewer's layouts (V26); a broken overlay.json is said, and the snapshot still made
            layouts.problems().forEach(p -> spec.commandLine().getErr().println("overlay: " + p));
            ViewportSnapshot.writePng(image, frameNumber - 1, place[0], place[1], voi, locale, layouts.value(), out);
        } else {
            writePng(render(image, frameNumber - 1, voi, invert), out);
        }
        return 0;
    }

    /**
     * Where the image stands in its series as the viewer would show it ("131/300"), when the
     * file is in the local archive; otherwise the frame within the file. An archive is never
     * created just to answer this.
     */
    private int[] placeInSeries(DicomImage image, int frameIndex) {
        if (image.frameCount() == 1 && Files.isDirectory(parent.home().resolve("db"))) {
            try (LocalArchive archive = LocalArchive.open(parent.home())) {
                List<InstanceEntry> stack = archive.instances(image.header().seriesInstanceUid());
                for (int i = 0; i < stack.size(); i++) {
                    if (stack.get(i).sopInstanceUid().equals(image.header().sopInstanceUid())) {
                        return new int[] {i, stack.size()};
                    }
                }
            }
        }
        return new int[] {frameIndex, image.frameCount()};
    }

    /** The displayed pixels of one frame, through the same renderer the viewport uses. */
    static BufferedImage render(DicomImage image, int frameIndex, Voi voi, boolean invert) throws Exception {
        Frame frame = image.frame(frameIndex);
        BufferedImage img = new BufferedImage(frame.columns(), frame.rows(), BufferedImage.TYPE_INT_RGB);
        int[] argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        new FrameRenderer().render(frame, image.pixelInfo(), voi, invert, argb);
        return img;
    }

    static void writePng(BufferedImage img, Path out) throws IOException {
        if (!ImageIO.write(img, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    static int[] parseScreen(String wxh) {
        String[] parts = wxh.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w >= 320 && h >= 240 && w <= 8192 && h <= 8192) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UserError("--screen expects WIDTHxHEIGHT between 320x240 and 8192x8192, e.g. 1920x1080; got '"
                + wxh + "'");
    }

    static Voi parseWindow(String wl) {
        if (wl == null) {
            return null;
        }
        String[] parts = wl.split(",");
        try {
            if (parts.length == 2) {
                double width = Double.parseDouble(parts[0].trim());
                double center = Double.parseDouble(parts[1].trim());
                if (width >= 1) {
                    return new WindowLevel(width, center);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UserError("--wl expects WIDTH,CENTER with WIDTH >= 1, e.g. --wl 1500,-600; got '" + wl + "'");
    }
}
