package org.fovea.dicom.demo;

import org.fovea.dicom.DatasetBuilder;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The patient, study, series and equipment attributes every demo file carries. */
final class DemoHeaders {

    static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private DemoHeaders() {
    }

    static DatasetBuilder start(DemoStudy study, DemoSize size, LocalDate studyDate, String sopClassUid,
                                String modality, int instanceNumber) {
        String date = DA.format(studyDate);
        return new DatasetBuilder()
                .set("SOPClassUID", sopClassUid)
                .set("SOPInstanceUID", study.instanceUid(size, instanceNumber))
                .set("StudyDate", date)
                .set("SeriesDate", date)
                .set("ContentDate", date)
                .set("StudyTime", study.studyTime())
                .set("SeriesTime", study.studyTime())
                .set("ContentTime", study.studyTime())
                .set("AccessionNumber", study.accession())
                .set("Modality", modality)
                .set("Manufacturer", "Fovea")
                .set("ManufacturerModelName", "Fovea demo phantom")
                .set("InstitutionName", "Fovea 演示医院")
                .set("ReferringPhysicianName")
                .set("StudyDescription", study.studyDescription())
                .set("SeriesDescription", study.seriesDescription())
                .set("PatientName", DemoPatient.NAME)
                .set("PatientID", DemoPatient.ID)
                .set("PatientBirthDate", DA.format(DemoPatient.BIRTH_DATE))
                .set("PatientSex", DemoPatient.SEX)
                .set("PatientAge", DemoPatient.ageOn(studyDate))
                .set("BodyPartExamined", "CHEST")
                .set("StudyInstanceUID", study.studyUid(size))
                .set("SeriesInstanceUID", study.seriesUid(size))
                .set("StudyID", study.accession())
                .set("SeriesNumber", "1")
                .set("InstanceNumber", Integer.toString(instanceNumber));
    }

    /** The Image Pixel module of a projection image: one sample, 12 of 16 bits, unsigned. */
    static DatasetBuilder projectionPixels(DatasetBuilder b, DrGeometry g, String photometric) {
        return b.setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", photometric)
                .setInt("Rows", g.rows())
                .setInt("Columns", g.columns())
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 12)
                .setInt("HighBit", 11)
                .setInt("PixelRepresentation", 0);
    }

    /** A decimal string short enough for DS (16 characters). */
    static String ds(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }
}
