package org.fovea.render.vtk;

import org.fovea.render.ModalityLut;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;
import vtk.vtkImageData;
import vtk.vtkMatrix4x4;
import vtk.vtkShortArray;

/**
 * A {@link Volume} as VTK sees it: modality values (HU) as 16-bit scalars in a vtkImageData whose
 * spacing is the voxel steps' lengths, and a matrix from that image's coordinates to patient LPS mm
 * (unit step directions and the origin) for the vtkVolume. Keeping the lengths in the spacing lets
 * the ray caster estimate gradients (shading) per mm; the matrix carries rotation and any gantry
 * tilt's shear, which the ray caster and the picker both apply.
 */
final class VtkVolumeData {

    /** Values copied to VTK per step: bounds the Java heap used by the copy to a few MB. */
    private static final int CHUNK_VALUES = 1 << 21;

    private VtkVolumeData() {
    }

    /** Copies the volume's modality values, clamped to 16 bits, into new image data. Call on the VTK thread. */
    static vtkImageData imageData(Volume volume) {
        short[] toModality = modalityTable(volume);
        int bias = volume.signed() ? 32768 : 0;
        long n = volume.voxelCount();
        vtkShortArray scalars = new vtkShortArray();
        scalars.SetNumberOfValues(n);
        short[] stored = volume.values();
        int from = volume.offset();
        short[] chunk = null;
        vtkShortArray chunkArray = new vtkShortArray();
        for (long done = 0; done < n; done += CHUNK_VALUES) {
            int count = (int) Math.min(CHUNK_VALUES, n - done);
            if (chunk == null || chunk.length != count) chunk = new short[count];
            int base = from + (int) done;
            for (int i = 0; i < count; i++) {
                int s = volume.signed() ? stored[base + i] : stored[base + i] & 0xFFFF;
                chunk[i] = toModality[s + bias];
            }
            chunkArray.SetJavaArray(chunk);
            scalars.InsertTuples(done, count, 0, chunkArray);
        }
        chunkArray.Delete();
        vtkImageData image = new vtkImageData();
        image.SetDimensions(volume.columns(), volume.rows(), volume.slices());
        image.SetSpacing(volume.geometry().spacing());
        image.SetOrigin(0, 0, 0);
        image.GetPointData().SetScalars(scalars);
        scalars.Delete();
        return image;
    }

    /** The matrix from the image data's coordinates (index times spacing) to patient mm. */
    static vtkMatrix4x4 imageToPatient(VolumeGeometry g) {
        vtkMatrix4x4 m = new vtkMatrix4x4();
        Vec3[] axes = {g.columnStep().normalized(), g.rowStep().normalized(), g.sliceStep().normalized()};
        for (int c = 0; c < 3; c++) {
            m.SetElement(0, c, axes[c].x());
            m.SetElement(1, c, axes[c].y());
            m.SetElement(2, c, axes[c].z());
        }
        m.SetElement(0, 3, g.origin().x());
        m.SetElement(1, 3, g.origin().y());
        m.SetElement(2, 3, g.origin().z());
        return m;
    }

    /** Modality value (rounded, clamped to 16 bits) for every stored value, indexed by stored value plus the sign bias. */
    private static short[] modalityTable(Volume volume) {
        ModalityLut lut = volume.pixelInfo().modalityLut();
        int bias = volume.signed() ? 32768 : 0;
        short[] table = new short[65536];
        for (int i = 0; i < table.length; i++) {
            long m = Math.round(lut.apply(i - bias));
            table[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, m));
        }
        return table;
    }
}
