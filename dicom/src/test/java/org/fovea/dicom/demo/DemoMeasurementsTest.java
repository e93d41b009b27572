package org.fovea.dicom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomImage;
import org.fovea.render.geom.Vec3;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.LiveWire;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Measurer;
import org.fovea.render.measure.Quantity;
import org.fovea.render.measure.Region;
import org.fovea.render.measure.RegionStats;
import org.fovea.render.measure.Unit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading tools on the demo phantom, whose anatomy is known in mm: what a radiologist
 * measures there must come out as the phantom's true sizes. A 256 x 256 x 150 CT (2 mm voxels)
 * and a 0.4 mm chest film keep the test quick with the standard demo's anatomy.
 */
class DemoMeasurementsTest {

    private static final DemoSize SIZE = new DemoSize(new CtGeometry(256, 150), new CtGeometry(128, 30),
            new DrGeometry(1075, 1075));

    @TempDir
    static Path dir;
    private static List<DicomImage> ct;
    private static DicomImage film;

    @BeforeAll
    static void writePhantom() throws Exception {
        LocalDate date = LocalDate.of(2026, 1, 5);
        ChestPhantom phantom = new ChestPhantom(ChestPhantom.CURRENT_NODULES);
        Path ctDir = Files.createDirectories(dir.resolve("ct"));
        assertThat(CtSeriesWriter.write(phantom, SIZE.current(), DemoStudy.CURRENT_CT, SIZE, date, ctDir, n -> { },
                CancelToken.none())).isTrue();
        ct = new ArrayList<>();
        try (Stream<Path> files = Files.list(ctDir)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                ct.add(DicomImage.read(f));
            }
        }
        Path filmFile = dir.resolve("dx.dcm");
        RadiographWriter.write(phantom, SIZE.radiograph(), SIZE, date, filmFile);
        film = DicomImage.read(filmFile);
    }

    private static Measured measure(DicomImage image, Annotation a) throws Exception {
        return new Measurer(image.scale(), image.frame(0), image.pixelInfo().modalityLut(), Unit.HU).measure(a);
    }

    private static DicomImage sliceAt(double z) {
        return ct.stream().min(Comparator.comparingDouble(s -> Math.abs(s.plane(0).position().z() - z))).orElseThrow();
    }

    @Test
    void eachNodulesDiameterAcrossItsCentreIsWithinOneVoxelOfTheTruth() throws Exception {
        double voxel = SIZE.current().pixelSpacing();
        for (double hand : new double[] {DemoMeasurements.HAND_ERROR_MM, -1.5, 3.5}) {
            List<Annotation> calipers = DemoMeasurements.noduleDiameters(ct, ChestPhantom.CURRENT_NODULES, hand);
            for (int i = 0; i < calipers.size(); i++) {
                ChestPhantom.Nodule n = ChestPhantom.CURRENT_NODULES.get(i);
                Annotation a = calipers.get(i);
                DicomImage slice = ct.stream().filter(s -> s.header().sopInstanceUid()
                        .equals(a.image().sopInstanceUid())).findFirst().orElseThrow();
                double dz = slice.plane(0).position().z() - n.centre().z();
                // the slice nearest the centre may miss it by up to half a slice: the true chord there
                double truth = 2 * Math.sqrt(n.radius() * n.radius() - dz * dz);
                double length = measure(slice, a).value(Quantity.LENGTH).orElseThrow().value();
                assertThat(length).as("%s mm nodule, hand error %s mm", n.diameter(), hand)
                        .isCloseTo(truth, within(voxel));
                assertThat(Math.abs(dz)).isLessThanOrEqualTo(SIZE.current().sliceSpacing() / 2);
            }
        }
    }

    @Test
    void anEllipseInTheAortaGivesTheContrastHuAndTheNoiseAsItsSpread() throws Exception {
        double z = -100;                                      // the descending aorta
        DicomImage slice = sliceAt(z);
        ImagePoint centre = DemoMeasurements.toImage(slice.plane(0),
                new Vec3(ChestPhantom.AORTA_END.x(), ChestPhantom.AORTA_END.y(), slice.plane(0).position().z()));
        double r = (ChestPhantom.AORTA_RADIUS - 4) / slice.plane(0).columnSpacing();
        Annotation ellipse = new Annotation("e", Kind.ELLIPSE, List.of(centre.plus(-r, -r), centre.plus(r, r)), "",
                DemoMeasurements.ref(slice));
        Measured m = measure(slice, ellipse);
        assertThat(m.value(Quantity.MEAN).orElseThrow().value()).isCloseTo(ChestPhantom.AORTA_HU, within(1.0 + 3 * CtSeriesWriter.NOISE_SD / Math.sqrt(m.value(Quantity.PIXEL_COUNT).orElseThrow().value())));
        assertThat(m.value(Quantity.STANDARD_DEVIATION).orElseThrow().value())
                .isCloseTo(CtSeriesWriter.NOISE_SD, within(CtSeriesWriter.NOISE_SD * 0.3));
        assertThat(m.value(Quantity.MEAN).orElseThrow().unit()).isEqualTo(Unit.HU);
    }

    @Test
    void theMagneticLassoAroundTheTwentyMillimetreNoduleEnclosesItsCrossSection() throws Exception {
        ChestPhantom.Nodule n = ChestPhantom.CURRENT_NODULES.get(2);
        DicomImage slice = sliceAt(n.centre().z());
        double dz = slice.plane(0).position().z() - n.centre().z();
        double radiusHere = Math.sqrt(n.radius() * n.radius() - dz * dz);
        ImagePoint centre = DemoMeasurements.toImage(slice.plane(0),
                new Vec3(n.centre().x(), n.centre().y(), slice.plane(0).position().z()));
        double mm = slice.plane(0).columnSpacing();
        List<ImagePoint> clicks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double a = 2 * Math.PI * i / 5 + 0.4, rr = (radiusHere + (i % 2 == 0 ? 1.0 : -1.0)) / mm;
            clicks.add(centre.plus(rr * Math.cos(a), rr * Math.sin(a)));
        }
        LiveWire wire = LiveWire.on(slice.frame(0), slice.pixelInfo().modalityLut());
        List<ImagePoint> contour = wire.contour(clicks);
        Measured m = measure(slice, new Annotation("l", Kind.LASSO, contour, "", DemoMeasurements.ref(slice)));
        double truth = Math.PI * radiusHere * radiusHere;
        assertThat(m.value(Quantity.AREA).orElseThrow().value()).isCloseTo(truth, within(truth * 0.05));
    }

    @Test
    void aDiscOfKnownRadiusMeasuresItsAreaWithinTwoPercent() throws Exception {
        ChestPhantom.Nodule n = ChestPhantom.CURRENT_NODULES.get(2);
        DicomImage slice = sliceAt(n.centre().z());
        double dz = slice.plane(0).position().z() - n.centre().z();
        double radiusHere = Math.sqrt(n.radius() * n.radius() - dz * dz);
        ImagePoint centre = DemoMeasurements.toImage(slice.plane(0),
                new Vec3(n.centre().x(), n.centre().y(), slice.plane(0).position().z()));
        double r = radiusHere / slice.plane(0).columnSpacing();
        Region disc = Region.ellipse(centre.plus(-r, -r), centre.plus(r, r));
        double truth = Math.PI * radiusHere * radiusHere;
        assertThat(disc.area(slice.scale())).isCloseTo(truth, within(truth * 0.02));
        // inside, a voxel from the edge, the nodule's own CT number
        double inner = r - 1;
        RegionStats stats = RegionStats.of(Region.ellipse(centre.plus(-inner, -inner), centre.plus(inner, inner)),
                slice.frame(0), slice.pixelInfo().modalityLut());
        assertThat(stats.mean()).isCloseTo(ChestPhantom.NODULE_HU, within(3 * CtSeriesWriter.NOISE_SD / Math.sqrt(stats.count())));
    }

    @Test
    void theCardiothoracicRatioOnTheFilmIsThePhantomsHeartOverThoraxWidth() throws Exception {
        for (double hand : new double[] {DemoMeasurements.HAND_ERROR_MM, -2, 4}) {
            Annotation ctr = DemoMeasurements.cardiothoracicRatio(film, hand);
            Measured m = measure(film, ctr);
            double heart = 2 * ChestPhantom.HEART.rx();
            double thorax = ChestPhantom.LEFT_LUNG.centre().x() + ChestPhantom.LEFT_LUNG.rx()
                    - (ChestPhantom.RIGHT_LUNG.centre().x() - ChestPhantom.RIGHT_LUNG.rx());
            double truth = heart / thorax;
            assertThat(m.value(Quantity.CARDIOTHORACIC_RATIO).orElseThrow().value()).as("hand error %s mm", hand)
                    .isCloseTo(truth, within(truth * 0.01));
            // each border within a millimetre, as a radiologist places it on a film
            assertThat(m.value(Quantity.HEART_WIDTH).orElseThrow().value()).isCloseTo(heart, within(2.0));
            assertThat(m.abnormal()).isFalse();
        }
    }

    @Test
    void theDemoSavesItsMeasurementsIntoItsStudiesOnce(@TempDir Path home) throws Exception {
        try (org.fovea.dicom.archive.LocalArchive archive = org.fovea.dicom.archive.LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
            assertThat(DemoMeasurements.ensureSaved(archive, DemoSize.SMALL, home.resolve("work"), m -> "")).isEqualTo(4);
            var marks = new org.fovea.dicom.marks.MarkArchive(archive, home.resolve("work"));
            var ct = marks.load(DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL));
            assertThat(ct.ours()).extracting(Annotation::kind).containsExactly(Kind.LENGTH, Kind.LENGTH, Kind.LENGTH);
            assertThat(ct.keyImages()).hasSize(1).containsValue("20 mm nodule");
            var dr = marks.load(DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL));
            assertThat(dr.ours()).extracting(Annotation::kind).containsExactly(Kind.CARDIOTHORACIC);
            assertThat(DemoMeasurements.ensureSaved(archive, DemoSize.SMALL, home.resolve("work"), m -> "")).isZero();
        }
    }
}
