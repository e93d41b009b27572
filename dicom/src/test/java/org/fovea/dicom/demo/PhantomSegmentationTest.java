package org.fovea.dicom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.dicom.demo.ChestPhantom.*;

import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;
import org.fovea.render.volume.segment.BoneRemoval;
import org.fovea.render.volume.segment.TableRemoval;
import org.fovea.render.volume.segment.VolumeMasks;
import org.fovea.render.volume.segment.VoxelMask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Bone and table removal on the demo chest CT, the voxels the series writer stores (noise
 * included), checked against what the phantom's shapes say each voxel is.
 */
class PhantomSegmentationTest {

    /** 2 mm voxels over the whole chest: every structure, at a quarter of the full study's pixels per slice. */
    private static final CtGeometry GEOMETRY = new CtGeometry(256, 150);

    private enum Part { BODY, RIB, SPINE, AORTA, NODULE, HEART, TABLE, AIR }

    private static Volume volume;
    private static Part[] parts;

    @BeforeAll
    static void sampleThePhantom() {
        ChestPhantom phantom = new ChestPhantom(CURRENT_NODULES);
        int n = GEOMETRY.matrix(), slice = n * n;
        short[] values = new short[slice * GEOMETRY.slices()];
        parts = new Part[values.length];
        IntStream.range(0, GEOMETRY.slices()).parallel().forEach(k -> {
            System.arraycopy(CtSeriesWriter.render(phantom, GEOMETRY, k), 0, values, k * slice, slice);
            ChestPhantom.Plane plane = phantom.plane(GEOMETRY.z(k));
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    parts[k * slice + j * n + i] = part(phantom, plane, GEOMETRY.position(i), GEOMETRY.position(j),
                            GEOMETRY.z(k));
                }
            }
        });
        double ps = GEOMETRY.pixelSpacing();
        volume = new Volume(n, n, GEOMETRY.slices(), values, 0, false,
                new PixelInfo(false, new Rescale(1, CtSeriesWriter.RESCALE_INTERCEPT, "HU"), List.of()),
                new VolumeGeometry(new Vec3(GEOMETRY.position(0), GEOMETRY.position(0), GEOMETRY.z(0)),
                        new Vec3(ps, 0, 0), new Vec3(0, ps, 0), new Vec3(0, 0, -GEOMETRY.sliceSpacing())));
    }

    /** What the phantom's own shapes make of a point. */
    private static Part part(ChestPhantom phantom, ChestPhantom.Plane plane, double x, double y, double z) {
        boolean inBody = x * x / (BODY_RX * BODY_RX) + y * y / (BODY_RY * BODY_RY) < 1;
        double hu = plane.hu(x, y);
        if (!inBody) {
            return hu == TABLE_SKIN_HU || hu == TABLE_CORE_HU ? Part.TABLE : Part.AIR;
        }
        for (Nodule nodule : phantom.nodules()) {
            Point c = nodule.centre();
            if (Math.sqrt((x - c.x()) * (x - c.x()) + (y - c.y()) * (y - c.y()) + (z - c.z()) * (z - c.z()))
                    < nodule.radius()) {
                return Part.NODULE;
            }
        }
        if (hu == RIB_HU) {
            return Part.RIB;
        }
        if (hu == VERTEBRA_HU || hu == CORTEX_HU || hu == ARCH_HU) {
            return Part.SPINE;
        }
        if (hu == AORTA_HU) {
            return Part.AORTA;
        }
        double hx = (x - HEART.centre().x()) / HEART.rx(), hy = (y - HEART.centre().y()) / HEART.ry();
        double hz = (z - HEART.centre().z()) / HEART.rz();
        return hx * hx + hy * hy + hz * hz < 1 ? Part.HEART : Part.BODY;
    }

    /** Fraction of a part's voxels in the mask. */
    private static double removed(VoxelMask mask, Part part) {
        int all = 0, in = 0;
        for (int p = 0; p < parts.length; p++) {
            if (parts[p] == part) {
                all++;
                in += mask.get(p) ? 1 : 0;
            }
        }
        assertThat(all).as(part + " voxels").isPositive();
        return (double) in / all;
    }

    @Test
    void boneRemovalTakesRibsAndSpineAndKeepsTheAortaNodulesAndHeart() {
        VoxelMask bones = BoneRemoval.bones(volume);
        assertThat(removed(bones, Part.RIB)).isGreaterThanOrEqualTo(0.99);
        assertThat(removed(bones, Part.SPINE)).isGreaterThanOrEqualTo(0.99);
        assertThat(removed(bones, Part.AORTA)).isLessThan(0.01);
        assertThat(removed(bones, Part.NODULE)).isZero();
        assertThat(removed(bones, Part.HEART)).isZero();
        assertThat(removed(bones, Part.TABLE)).isZero();
    }

    @Test
    void tableRemovalTakesTheTableAndNothingOfTheBody() {
        VoxelMask table = TableRemoval.table(volume);
        assertThat(removed(table, Part.TABLE)).isGreaterThanOrEqualTo(0.99);
        for (Part part : List.of(Part.BODY, Part.RIB, Part.SPINE, Part.AORTA, Part.NODULE, Part.HEART)) {
            assertThat(removed(table, part)).as(part.toString()).isZero();
        }
    }

    @Test
    void afterBothRemovalsTheAortaIsAllThatAVesselViewShows() {
        Volume angio = VolumeMasks.masked(volume, BoneRemoval.bones(volume).or(TableRemoval.table(volume)));
        int bright = 0, aorta = 0;
        for (int k = 0, p = 0; k < angio.slices(); k++) {
            for (int j = 0; j < angio.rows(); j++) {
                for (int i = 0; i < angio.columns(); i++, p++) {
                    // a CT angiography preset starts to show voxels at about 150 HU
                    if (angio.modalityValue(i, j, k) >= 150) {
                        bright++;
                        aorta += parts[p] == Part.AORTA ? 1 : 0;
                    }
                }
            }
        }
        assertThat(aorta).isGreaterThan(0);
        assertThat((double) aorta / bright).isGreaterThanOrEqualTo(0.99);
        assertThat(volume.modalityValue(GEOMETRY.indexAt(0), GEOMETRY.indexAt(VERTEBRA_Y), GEOMETRY.sliceAt(-10)))
                .as("the original keeps its bone, for undo").isGreaterThan(300);
    }
}
